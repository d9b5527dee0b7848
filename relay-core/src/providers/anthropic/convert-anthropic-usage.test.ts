import { describe, expect, it } from 'vitest';
import { recordedPayloads } from '../../../../test/helpers/recorded-payloads.js';
import type { Usage } from '../../canonical/types.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';

// Recorded Anthropic answers (pydantic-ai cassettes, MIT; vercel/ai fixtures, Apache-2.0; see
// resources/recordings/SOURCES.md)
const cassette = (file: string) => `cassette:pydantic-ai-cassettes/test_anthropic/${file}`;

/** The usage the relay reads of a recorded stream: message_start's, then each message_delta's over it. */
function streamed(reference: string): Usage | undefined {
  let usage: Usage | undefined;
  for (const payload of recordedPayloads(reference)) {
    if (payload.type === 'message_start') usage = convertAnthropicUsage(payload.message.usage);
    if (payload.type === 'message_delta') usage = convertAnthropicUsage(payload.usage, usage);
  }
  return usage;
}

describe('convertAnthropicUsage on recorded answers', () => {
  it('keeps the thinking tokens Anthropic reports, whole and streamed', () => {
    const [whole] = recordedPayloads(cassette('test_anthropic_opus_5_features.yaml#0'));
    // input 13, output 44 of which thinking 33; no cache used, and Anthropic says so
    expect(convertAnthropicUsage(whole!.usage)).toEqual({
      inputTokens: 13,
      outputTokens: 44,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 33,
    });
    // message_delta carries thinking_tokens (47 of 145) and the input of every iteration (2,411)
    expect(streamed(cassette('test_anthropic_advisor_tool_stream.yaml#0'))).toMatchObject({
      inputTokens: 2411,
      outputTokens: 145,
      reasoningTokens: 47,
    });
  });

  it('adds cache reads and writes to the input, and keeps how long the writes are kept', () => {
    const [whole] = recordedPayloads(cassette('test_anthropic_cache_real_api.yaml#1'));
    // 3 uncached + 418 written (all for 5 minutes) + 1,111 read
    expect(convertAnthropicUsage(whole!.usage)).toEqual({
      inputTokens: 1532,
      outputTokens: 33,
      cacheReadTokens: 1111,
      cacheWriteTokens: 418,
      cacheWrite1hTokens: 0,
    });
    // message_start splits the 3,913 written tokens by lifetime (all 1 h); message_delta repeats
    // the total without the split, which still holds
    expect(
      streamed(cassette('test_anthropic_cache_earlier_breakpoint_raised_to_later_longer_ttl.yaml#0')),
    ).toEqual({
      inputTokens: 13 + 3913,
      outputTokens: 4,
      cacheReadTokens: 0,
      cacheWriteTokens: 3913,
      cacheWrite1hTokens: 3913,
    });
  });

  it('drops the split by lifetime once message_delta reports more writes than it covered', () => {
    // message_start: 3,068 written, all for 5 minutes; message_delta: 3,337 written, no split
    const usage = streamed(
      'anthropic-chunks:vercel-ai/anthropic/anthropic-code-execution-20260120-prompt-cache.1.chunks.txt',
    );
    expect(usage).toEqual({
      inputTokens: 6 + 3337 + 6289,
      outputTokens: 198,
      cacheReadTokens: 6289,
      cacheWriteTokens: 3337,
      reasoningTokens: 0,
    });
  });

  it('leaves a figure Anthropic sends as null, or not at all, absent rather than 0', () => {
    expect(
      convertAnthropicUsage({
        input_tokens: 5,
        output_tokens: 7,
        cache_creation_input_tokens: null,
        cache_read_input_tokens: null,
        output_tokens_details: null,
      }),
    ).toEqual({ inputTokens: 5, outputTokens: 7 });
  });
});
