import { describe, expect, it } from 'vitest';
import { clientBodyOf, keepClientBody } from '../canonical/client-body.js';
import type { CanonicalRequest } from '../canonical/types.js';
import { resolveProviders } from '../routing/resolve-providers.js';
import type { Target } from '../routing/resolve-targets.js';
import { continueInstruction, continueRequest } from './continue-request.js';

const target = (id: string, model: string, preset?: string): Target => ({
  provider: resolveProviders([{ enabled: true, id, ...(preset ? { preset } : {}) }])[0]!,
  model,
});

function clientRequest(): CanonicalRequest {
  return {
    model: 'auto',
    stream: true,
    includeUsage: true,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Write a haiku.' }] }],
    tools: [{ name: 'read', parameters: { type: 'object' } }],
    reasoning: { effort: 'high' },
  };
}

describe('the request that asks a target for the rest of an answer', () => {
  it('prefills the answer so far for Claude before 4.6, without its trailing whitespace or thinking', () => {
    const request = clientRequest();
    const continuation = continueRequest(
      request,
      'Autumn moonlight —\n',
      target('anthropic', 'claude-sonnet-4-5'),
    );
    expect(continuation.form).toBe('prefill');
    expect(continuation.request.messages.at(-1)).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'Autumn moonlight —' }],
    });
    expect(continuation.skip).toBe('\n');
    expect(continuation.request.reasoning).toBeUndefined();
    // the client's own request is as it was
    expect(request.messages).toHaveLength(1);
    expect(request.reasoning).toEqual({ effort: 'high' });
  });

  it.each([
    ['Claude 4.6, which refuses a prefill', target('anthropic', 'claude-sonnet-4-6')],
    ['an OpenAI model', target('openai', 'gpt-4o-mini')],
    ['an OpenAI-compatible server', target('mistral', 'mistral-small-latest')],
    ['Gemini', target('gemini', 'gemini-2.5-flash')],
    ['Claude on Bedrock', target('bedrock', 'anthropic.claude-3-5-sonnet-20240620-v1:0')],
  ])('asks %s in words, after the answer so far', (_name, to) => {
    const continuation = continueRequest(clientRequest(), 'Autumn moonlight — ', to);
    expect(continuation.form).toBe('instruction');
    expect(continuation.request.messages.slice(1)).toEqual([
      { role: 'assistant', content: [{ type: 'text', text: 'Autumn moonlight — ' }] },
      { role: 'user', content: [{ type: 'text', text: continueInstruction }] },
    ]);
    expect(continuation.skip).toBe('');
    expect(continuation.request.reasoning).toEqual({ effort: 'high' });
  });

  it("keeps the client's headers but never its body's bytes, which say less than the continuation", () => {
    const request = clientRequest();
    keepClientBody(request, { dialect: 'anthropic-messages', bytes: Buffer.from('{}'), betas: 'context-1m' });
    const continuation = continueRequest(request, 'Autumn', target('anthropic', 'claude-sonnet-4-5'));
    expect(clientBodyOf(continuation.request, 'anthropic-messages')).toEqual({
      dialect: 'anthropic-messages',
      betas: 'context-1m',
    });
  });

  it('has tools of its own, which letting it go after it is sent does not take from the client', () => {
    const request = clientRequest();
    const continuation = continueRequest(request, 'Autumn', target('openai', 'gpt-4o-mini'));
    continuation.request.tools!.length = 0;
    expect(request.tools).toHaveLength(1);
  });
});

describe('the output limit of a continuation', () => {
  it('is what the attempts before left of the client’s', () => {
    const request = { ...clientRequest(), maxOutputTokens: 1000 };
    expect(
      continueRequest(request, 'Autumn', target('openai', 'gpt-4o-mini'), 300).request.maxOutputTokens,
    ).toBe(700);
    expect(
      continueRequest(request, 'Autumn', target('openai', 'gpt-4o-mini'), 5000).request.maxOutputTokens,
    ).toBe(1);
    expect(
      continueRequest(clientRequest(), 'Autumn', target('openai', 'gpt-4o-mini'), 300).request,
    ).not.toHaveProperty('maxOutputTokens');
  });
});
