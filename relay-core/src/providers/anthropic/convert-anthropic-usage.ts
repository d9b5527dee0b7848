import type { Usage } from '../../canonical/types.js';
import { knownCounts, readCount, uncachedInputTokens } from '../../canonical/usage-counts.js';
import type { WireCount } from '../../canonical/usage-counts.js';

/** Anthropic's usage, as a whole message, `message_start` and `message_delta` carry it. */
export interface AnthropicUsageWire {
  input_tokens?: WireCount;
  output_tokens?: WireCount;
  cache_creation_input_tokens?: WireCount;
  cache_read_input_tokens?: WireCount;
  /** The cache writes by how long they are kept. */
  cache_creation?: { ephemeral_5m_input_tokens?: WireCount; ephemeral_1h_input_tokens?: WireCount } | null;
  /** Of the output, the thinking. */
  output_tokens_details?: { thinking_tokens?: WireCount } | null;
}

/**
 * Anthropic counts uncached input, cache writes and cache reads apart; canonical input is their sum,
 * with the cache figures as parts of it (so reads and writes are priced at their own prices, not
 * all at the input price). `message_delta` figures are cumulative: each one it carries replaces the
 * one `message_start` reported (`previous`), and those it leaves out keep it. A figure neither
 * reported stays absent.
 */
export function convertAnthropicUsage(wire: AnthropicUsageWire | undefined, previous?: Usage): Usage {
  const cacheWrite = readCount(wire?.cache_creation_input_tokens) ?? previous?.cacheWriteTokens;
  const cacheRead = readCount(wire?.cache_read_input_tokens) ?? previous?.cacheReadTokens;
  const uncached = readCount(wire?.input_tokens) ?? (previous ? uncachedInputTokens(previous) : 0);
  // message_delta gives no split by lifetime: the start's holds only while the writes are the same
  const hour =
    readCount(wire?.cache_creation?.ephemeral_1h_input_tokens) ??
    (cacheWrite === previous?.cacheWriteTokens ? previous?.cacheWrite1hTokens : undefined);
  return {
    inputTokens: uncached + (cacheWrite ?? 0) + (cacheRead ?? 0),
    outputTokens: readCount(wire?.output_tokens) ?? previous?.outputTokens ?? 0,
    ...knownCounts({
      cacheReadTokens: cacheRead,
      cacheWriteTokens: cacheWrite,
      cacheWrite1hTokens: hour,
      reasoningTokens: readCount(wire?.output_tokens_details?.thinking_tokens) ?? previous?.reasoningTokens,
    }),
  };
}
