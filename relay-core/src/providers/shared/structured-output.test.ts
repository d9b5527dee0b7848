import { describe, expect, it } from 'vitest';
import { refusedParam } from '../../../../test/helpers/refused-param.js';
import { parseAnthropicRequest } from '../../dialects/anthropic-messages/parse-anthropic-request.js';
import { parseOpenAIChatRequest } from '../../dialects/openai-chat/parse-openai-chat-request.js';
import { convertToAnthropicRequest } from '../anthropic/convert-to-anthropic-request.js';
import { convertToGeminiRequest } from '../gemini/convert-to-gemini-request.js';
import { convertToOpenAIRequest } from '../openai-compatible/convert-to-openai-request.js';
import { convertToResponsesRequest } from '../openai-responses/convert-to-responses-request.js';

const schema = {
  type: 'object',
  properties: { city: { type: 'string' }, population: { type: 'integer' } },
  required: ['city', 'population'],
  additionalProperties: false,
};
const anthropicBody = {
  model: 'm',
  max_tokens: 100,
  messages: [{ role: 'user', content: 'The largest city of France?' }],
};

describe('structured output between dialects: the same JSON schema asked of every provider', () => {
  it("an Anthropic client's output_config.format is OpenAI's strict json_schema response_format", () => {
    const request = parseAnthropicRequest({
      ...anthropicBody,
      output_config: { effort: 'low', format: { type: 'json_schema', schema } },
    });
    expect(convertToOpenAIRequest(request, 'gpt', { maxTokensField: 'max_tokens' }).response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'output', schema, strict: true },
    });
    expect(convertToResponsesRequest(request, 'gpt').text).toEqual({
      format: { type: 'json_schema', name: 'output', schema, strict: true },
    });
    expect(convertToGeminiRequest(request, 'gemini').generationConfig).toMatchObject({
      responseMimeType: 'application/json',
      responseJsonSchema: schema,
    });
    // converted back to Anthropic (a turn whose tool ids had to be restored): as the client wrote it
    expect(convertToAnthropicRequest(request, 'claude', 'anthropic').output_config).toEqual({
      effort: 'low',
      format: { type: 'json_schema', schema },
    });
  });

  it("the beta's output_format too, and Anthropic is sent it in that field alone", () => {
    const request = parseAnthropicRequest({
      ...anthropicBody,
      output_format: { type: 'json_schema', schema },
    });
    expect(
      convertToOpenAIRequest(request, 'gpt', { maxTokensField: 'max_tokens' }).response_format,
    ).toMatchObject({
      type: 'json_schema',
    });
    const body = convertToAnthropicRequest(request, 'claude', 'anthropic');
    expect(body.output_format).toEqual({ type: 'json_schema', schema });
    expect(body).not.toHaveProperty('output_config');
  });

  it("an OpenAI client's json_schema response_format is Anthropic's output_config.format; json_object is refused", () => {
    const chat = (response_format: unknown) =>
      parseOpenAIChatRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], response_format });
    const body = convertToAnthropicRequest(
      chat({ type: 'json_schema', json_schema: { name: 'city', schema, strict: true } }),
      'claude',
      'anthropic',
    );
    expect(body.output_config).toEqual({ format: { type: 'json_schema', schema } });
    expect(
      refusedParam(() => convertToAnthropicRequest(chat({ type: 'json_object' }), 'claude', 'anthropic')),
    ).toBe('response_format');
  });

  it('a format of another shape stays with Anthropic: other providers refuse it, naming it', () => {
    const request = parseAnthropicRequest({
      ...anthropicBody,
      output_config: { format: { type: 'regex', pattern: '[a-z]+' } },
    });
    expect(request.responseFormat).toBeUndefined();
    expect(refusedParam(() => convertToOpenAIRequest(request, 'gpt', { maxTokensField: 'max_tokens' }))).toBe(
      'output_config.format',
    );
    expect(convertToAnthropicRequest(request, 'claude', 'anthropic').output_config).toEqual({
      format: { type: 'regex', pattern: '[a-z]+' },
    });
  });
});
