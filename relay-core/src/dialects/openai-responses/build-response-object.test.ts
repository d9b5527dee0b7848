import { describe, expect, it } from 'vitest';
import { encodeResponsesUsage } from './build-response-object.js';

describe('encodeResponsesUsage', () => {
  it('writes the cache writes and reasoning an upstream reported', () => {
    expect(
      encodeResponsesUsage({
        inputTokens: 4087,
        outputTokens: 120,
        cacheReadTokens: 4064,
        cacheWriteTokens: 20,
        reasoningTokens: 53,
      }),
    ).toEqual({
      input_tokens: 4087,
      input_tokens_details: { cached_tokens: 4064, cache_write_tokens: 20 },
      output_tokens: 120,
      output_tokens_details: { reasoning_tokens: 53 },
      total_tokens: 4207,
    });
  });

  it('leaves out a figure it does not know, and a details object without the count Codex reads in it', () => {
    // an Anthropic answer without thinking_tokens, a DeepSeek one without cache writes
    expect(encodeResponsesUsage({ inputTokens: 10, outputTokens: 2 })).toEqual({
      input_tokens: 10,
      output_tokens: 2,
      total_tokens: 12,
    });
    expect(encodeResponsesUsage({ inputTokens: 10, outputTokens: 2, cacheReadTokens: 8 })).toMatchObject({
      input_tokens_details: { cached_tokens: 8 },
    });
    expect(
      encodeResponsesUsage({ inputTokens: 10, outputTokens: 2, cacheWriteTokens: 8 }),
    ).not.toHaveProperty('input_tokens_details');
  });
});
