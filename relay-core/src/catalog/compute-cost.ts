import type { Usage } from '../canonical/types.js';
import { uncachedInputTokens, visibleOutputTokens } from '../canonical/usage-counts.js';
import type { CatalogEntry, PriceTier } from './catalog-types.js';

/**
 * Cost of one request in USD: every token class at its own price. Uncached input = input −
 * cache reads − cache writes; cache reads and writes fall back to the input price when the
 * catalog has no separate one; reasoning tokens (part of output) use the reasoning price when
 * one exists. Above a tier threshold (e.g. Gemini's 200k) the whole request uses the tier's prices
 * (the highest threshold exceeded wins).
 * Undefined when the entry has no input or output price: unpriced, never $0. `tierInputTokens`
 * picks the tier when `usage` sums many requests (what-if re-pricing).
 */
export function computeCost(
  usage: Usage,
  entry: CatalogEntry,
  tierInputTokens: number = usage.inputTokens,
): number | undefined {
  let tier: PriceTier | undefined;
  for (const candidate of entry.tiers ?? []) {
    if (
      tierInputTokens > candidate.aboveInputTokens &&
      candidate.aboveInputTokens > (tier?.aboveInputTokens ?? -1)
    )
      tier = candidate;
  }
  const input = tier?.input ?? entry.input;
  const output = tier?.output ?? entry.output;
  if (input === undefined || output === undefined) return undefined;
  // a tier without its own cache prices keeps the base ones (Gemini lists none above 200k)
  const cacheRead = tier?.cacheRead ?? entry.cacheRead ?? input;
  const cacheWrite = tier?.cacheWrite ?? entry.cacheWrite ?? input;
  // a tier that reprices output but not reasoning bills reasoning as its output
  const reasoning = tier?.reasoning ?? (tier?.output === undefined ? entry.reasoning : undefined) ?? output;
  // each token is priced once: the cache and reasoning counts are parts of the totals, and a count
  // the provider did not report leaves its tokens at the base price of their total
  const cost =
    uncachedInputTokens(usage) * input +
    (usage.cacheReadTokens ?? 0) * cacheRead +
    (usage.cacheWriteTokens ?? 0) * cacheWrite +
    visibleOutputTokens(usage) * output +
    (usage.reasoningTokens ?? 0) * reasoning;
  return Math.round(cost * 1e10) / 1e10;
}
