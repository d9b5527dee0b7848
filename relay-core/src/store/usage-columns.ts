import type { UsageCount } from '../canonical/types.js';

/** The token counts of a request or an attempt, as the canonical `Usage` has them. */
export type TokenCounts = Partial<Record<UsageCount, number>>;

/**
 * The history column of each token count, in both `requests` and `attempts`. A count the provider
 * did not report is NULL there, never 0, so re-pricing prices its tokens as their total's.
 */
export const usageColumns: Readonly<Record<UsageCount, string>> = {
  inputTokens: 'input_tokens',
  outputTokens: 'output_tokens',
  cacheReadTokens: 'cache_read_tokens',
  cacheWriteTokens: 'cache_write_tokens',
  cacheWrite1hTokens: 'cache_write_1h_tokens',
  reasoningTokens: 'reasoning_tokens',
  inputAudioTokens: 'input_audio_tokens',
  inputImageTokens: 'input_image_tokens',
  outputAudioTokens: 'output_audio_tokens',
  outputImageTokens: 'output_image_tokens',
};

/** A value as a column holds it: NULL for one that is absent. */
export const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);
