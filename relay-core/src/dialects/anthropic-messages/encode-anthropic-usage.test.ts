import { describe, expect, it } from 'vitest';
import { encodeAnthropicUsage } from './encode-anthropic-usage.js';

describe('encodeAnthropicUsage', () => {
  it("tells a Messages client the reasoning tokens another provider reported, as Anthropic's thinking tokens", () => {
    // a Cerebras answer: 79 prompt tokens, 37 generated of which 25 reasoning, none cached
    expect(
      encodeAnthropicUsage({ inputTokens: 79, outputTokens: 37, cacheReadTokens: 0, reasoningTokens: 25 }),
    ).toEqual({
      input_tokens: 79,
      cache_creation_input_tokens: null,
      cache_read_input_tokens: 0,
      cache_creation: null,
      output_tokens: 37,
      output_tokens_details: { thinking_tokens: 25 },
    });
  });

  it('takes cache reads and writes out of the input, and splits the writes by lifetime only when known', () => {
    // an OpenAI Responses answer: 4,087 input, 4,064 read from the cache and 20 written to it
    expect(
      encodeAnthropicUsage({
        inputTokens: 4087,
        outputTokens: 9,
        cacheReadTokens: 4064,
        cacheWriteTokens: 20,
      }),
    ).toMatchObject({
      input_tokens: 3,
      cache_read_input_tokens: 4064,
      cache_creation_input_tokens: 20,
      cache_creation: null,
    });
    expect(
      encodeAnthropicUsage({
        inputTokens: 13 + 3913,
        outputTokens: 4,
        cacheReadTokens: 0,
        cacheWriteTokens: 3913,
        cacheWrite1hTokens: 3913,
      }),
    ).toMatchObject({
      input_tokens: 13,
      cache_creation_input_tokens: 3913,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 3913 },
    });
  });

  it('writes null, never 0, for what the upstream did not report', () => {
    expect(encodeAnthropicUsage({ inputTokens: 10, outputTokens: 2 })).toEqual({
      input_tokens: 10,
      cache_creation_input_tokens: null,
      cache_read_input_tokens: null,
      cache_creation: null,
      output_tokens: 2,
      output_tokens_details: null,
    });
  });
});
