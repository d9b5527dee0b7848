import { describe, expect, it } from 'vitest';
import { encodeOpenAIUsage } from './encode-openai-usage.js';

describe('encodeOpenAIUsage', () => {
  it('writes cache writes and reads, reasoning and audio in the details where OpenAI has them', () => {
    expect(
      encodeOpenAIUsage({
        inputTokens: 4087,
        outputTokens: 120,
        cacheReadTokens: 4064,
        cacheWriteTokens: 20,
        cacheWrite1hTokens: 20,
        reasoningTokens: 53,
        inputAudioTokens: 0,
      }),
    ).toEqual({
      prompt_tokens: 4087,
      completion_tokens: 120,
      total_tokens: 4207,
      prompt_tokens_details: { cached_tokens: 4064, cache_write_tokens: 20, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 53 },
    });
  });

  it('leaves out a detail the upstream did not report, and a details object with none', () => {
    expect(encodeOpenAIUsage({ inputTokens: 8, outputTokens: 134, cacheReadTokens: 0 })).toEqual({
      prompt_tokens: 8,
      completion_tokens: 134,
      total_tokens: 142,
      prompt_tokens_details: { cached_tokens: 0 },
    });
  });
});
