import { describe, expect, it } from 'vitest';
import { keepClientBody } from '../../canonical/client-body.js';
import { parseOpenAIChatRequest } from '../../dialects/openai-chat/parse-openai-chat-request.js';
import { openAIClientBody } from './openai-client-body.js';

const openAI = { maxTokensField: 'max_completion_tokens', openAIService: true } as const;
const compatible = { maxTokensField: 'max_tokens' } as const;

function bodyFor(text: string, options: typeof openAI | typeof compatible, model = 'm') {
  const request = parseOpenAIChatRequest(JSON.parse(text));
  keepClientBody(request, { dialect: 'openai-chat', bytes: Buffer.from(text) });
  return openAIClientBody(request, model, options)?.toString('utf8');
}

describe('openAIClientBody', () => {
  it('gives the client’s bytes with the model replaced', () => {
    const text = '{"model":"openai/m","messages":[{"role":"user","content":"hi"}],"x":{"b":1,"a":2}}';
    expect(bodyFor(text, openAI)).toBe(text.replace('"openai/m"', '"m"'));
    expect(bodyFor(text, compatible)).toBe(text.replace('"openai/m"', '"m"'));
  });

  it('leaves `developer` and content parts to the converter for servers other than OpenAI’s', () => {
    const developer = '{"model":"m","messages":[{"role":"developer","content":"be brief"}]}';
    expect(bodyFor(developer, openAI)).toBe(developer);
    expect(bodyFor(developer, compatible)).toBeUndefined();
    const parts = '{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]}';
    expect(bodyFor(parts, openAI)).toBe(parts);
    expect(bodyFor(parts, compatible)).toBeUndefined();
    const refusal =
      '{"model":"m","messages":[{"role":"user","content":"a"},' +
      '{"role":"assistant","content":[{"type":"refusal","refusal":"no"}]},{"role":"user","content":"b"}]}';
    expect(bodyFor(refusal, openAI)).toBeUndefined();
  });

  it('leaves reasoning sent back and the other name of the output limit to the converter', () => {
    const reasoning =
      '{"model":"m","messages":[{"role":"user","content":"a"},' +
      '{"role":"assistant","content":"b","reasoning_content":"because"},{"role":"user","content":"c"}]}';
    expect(bodyFor(reasoning, openAI)).toBeUndefined();
    const maxTokens = '{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"a"}]}';
    expect(bodyFor(maxTokens, openAI)).toBeUndefined();
    expect(bodyFor(maxTokens, compatible)).toBe(maxTokens);
  });

  it('has nothing for a request without a client body of its dialect', () => {
    const request = parseOpenAIChatRequest({ model: 'm', messages: [{ role: 'user', content: 'a' }] });
    expect(openAIClientBody(request, 'm', openAI)).toBeUndefined();
    keepClientBody(request, { dialect: 'anthropic-messages', bytes: Buffer.from('{"model":"m"}') });
    expect(openAIClientBody(request, 'm', openAI)).toBeUndefined();
  });
});
