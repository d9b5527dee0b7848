import type { Usage } from '../../canonical/types.js';

export interface AnthropicUsageWire {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/**
 * Anthropic counts uncached input, cache writes and cache reads separately; canonical input is
 * their sum, with the cache figures as subsets (so cache reads are priced at 0.1× and writes at
 * 1.25×, not all at the full input price).
 */
export function convertAnthropicUsage(wire: AnthropicUsageWire | undefined, previous?: Usage): Usage {
  const cacheWrite = wire?.cache_creation_input_tokens ?? previous?.cacheWriteTokens ?? 0;
  const cacheRead = wire?.cache_read_input_tokens ?? previous?.cacheReadTokens ?? 0;
  const uncached =
    wire?.input_tokens ??
    (previous ? previous.inputTokens - previous.cacheReadTokens - previous.cacheWriteTokens : 0);
  return {
    inputTokens: uncached + cacheWrite + cacheRead,
    outputTokens: wire?.output_tokens ?? previous?.outputTokens ?? 0,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: 0,
  };
}
