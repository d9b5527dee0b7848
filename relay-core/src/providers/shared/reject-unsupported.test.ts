import { describe, expect, it } from 'vitest';
import { refusedParam } from '../../../../test/helpers/refused-param.js';
import type { CanonicalRequest } from '../../canonical/types.js';
import { convertToAnthropicRequest } from '../anthropic/convert-to-anthropic-request.js';
import { convertToBedrockRequest } from '../bedrock/convert-to-bedrock-request.js';
import { convertToGeminiRequest } from '../gemini/convert-to-gemini-request.js';
import { convertToOpenAIRequest } from '../openai-compatible/convert-to-openai-request.js';
import { convertToResponsesRequest } from '../openai-responses/convert-to-responses-request.js';

const base: CanonicalRequest = {
  model: 'm',
  stream: false,
  includeUsage: false,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
};

describe('parameters an upstream cannot honour are refused, naming the parameter', () => {
  it('logprobs and logit_bias on Anthropic, Gemini and Bedrock', () => {
    const request = { ...base, passthrough: { logprobs: true } };
    expect(refusedParam(() => convertToAnthropicRequest(request, 'm', 'anthropic'))).toBe('logprobs');
    expect(refusedParam(() => convertToGeminiRequest(request, 'gemini'))).toBe('logprobs');
    expect(
      refusedParam(() =>
        convertToBedrockRequest({ ...base, passthrough: { logit_bias: { '1': 5 } } }, 'bedrock'),
      ),
    ).toBe('logit_bias');
  });

  it('parallel_tool_calls: false where there is no such switch, but not on Anthropic, which has one', () => {
    const request = {
      ...base,
      parallelToolCalls: false,
      tools: [{ name: 't', parameters: { type: 'object' } }],
    };
    expect(refusedParam(() => convertToGeminiRequest(request, 'gemini'))).toBe('parallel_tool_calls');
    expect(refusedParam(() => convertToBedrockRequest(request, 'bedrock'))).toBe('parallel_tool_calls');
    expect(convertToAnthropicRequest(request, 'm', 'anthropic').tool_choice).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
  });

  it('maps what Gemini can honour instead of refusing it', () => {
    const body = convertToGeminiRequest(
      { ...base, passthrough: { frequency_penalty: 0.5, presence_penalty: 0.25 } },
      'gemini',
    );
    expect(body.generationConfig).toMatchObject({ frequencyPenalty: 0.5, presencePenalty: 0.25 });
  });

  it("an Anthropic client's fields that change the answer or where it is made, on every upstream but Anthropic", () => {
    const everyOther = (request: CanonicalRequest) => [
      refusedParam(() => convertToOpenAIRequest(request, 'm', { maxTokensField: 'max_tokens' })),
      refusedParam(() => convertToResponsesRequest(request, 'm')),
      refusedParam(() => convertToGeminiRequest(request, 'gemini')),
      refusedParam(() => convertToBedrockRequest(request, 'bedrock')),
    ];
    for (const [fields, param] of [
      [{ top_k: 5 }, 'top_k'],
      [{ inference_geo: 'eu' }, 'inference_geo'],
      [{ mcp_servers: [{ type: 'url', url: 'https://mcp.example', name: 'x' }] }, 'mcp_servers'],
      [
        { output_config: { effort: 'low', format: { type: 'regex', pattern: '[a-z]+' } } },
        'output_config.format',
      ],
    ] as const) {
      const request = { ...base, unmodeled: fields };
      expect(everyOther(request)).toEqual([param, param, param, param]);
      // Anthropic is sent them as they came, converted too
      expect(convertToAnthropicRequest(request, 'm', 'anthropic')).toMatchObject(fields);
    }
  });

  it("an Anthropic client's fields that only tune Anthropic's service are left out elsewhere", () => {
    const request = {
      ...base,
      unmodeled: {
        service_tier: 'auto',
        context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
        output_config: { effort: 'low' },
        mcp_servers: [],
      },
    };
    const body = convertToOpenAIRequest(request, 'm', { maxTokensField: 'max_tokens' });
    expect(body).not.toHaveProperty('service_tier');
    expect(body).not.toHaveProperty('context_management');
    expect(refusedParam(() => convertToGeminiRequest(request, 'gemini'))).toBeUndefined();
  });

  it("an Anthropic client's content only Anthropic can honour, refused elsewhere in Anthropic's words", () => {
    const refusal =
      "tools.0: Input tag 'web_search_20250305' found using 'type' does not match any of the expected tags: 'custom'";
    const request: CanonicalRequest = {
      ...base,
      unmodeledContent: [
        { param: 'messages.1.content.0', value: { type: 'server_tool_use' } },
        { param: 'tools.0', value: { type: 'web_search_20250305' }, refusal },
      ],
    };
    for (const convert of [
      () => convertToOpenAIRequest(request, 'm', { maxTokensField: 'max_tokens' }),
      () => convertToResponsesRequest(request, 'm'),
      () => convertToGeminiRequest(request, 'gemini'),
      () => convertToBedrockRequest(request, 'bedrock'),
    ]) {
      expect(convert).toThrow(refusal);
      expect(refusedParam(convert)).toBe('tools.0');
    }
    // bookkeeping alone is left out
    const bookkeeping = { ...request, unmodeledContent: request.unmodeledContent!.slice(0, 1) };
    expect(refusedParam(() => convertToGeminiRequest(bookkeeping, 'gemini'))).toBeUndefined();
    // a field another deployment does not take, as Anthropic words it there
    expect(() =>
      convertToOpenAIRequest({ ...base, unmodeled: { top_k: 5 } }, 'm', { maxTokensField: 'max_tokens' }),
    ).toThrow('top_k: Extra inputs are not permitted');
  });
});
