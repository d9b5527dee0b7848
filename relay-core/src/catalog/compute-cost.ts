import type { Usage } from '../canonical/types.js';
import { uncachedInputTokens, visibleOutputTokens } from '../canonical/usage-counts.js';
import type { CatalogEntry, PriceTier } from './catalog-types.js';
import { pricesAt } from './prices-at.js';

/** How to price a usage beyond its token counts. */
export interface CostOptions {
  /** Input tokens that pick the long-context tier, when `usage` sums many requests (re-pricing). */
  tierInputTokens?: number;
  /** When the request ran: picks a condition's prices (a price change, DeepSeek's peak hours). */
  at?: Date | number;
  /** How many requests `usage` sums, for per-request fees (default 1). */
  requests?: number;
}

/**
 * Cost of one request in USD: every token class at its own price. Uncached input = input −
 * cache reads − cache writes; cache reads and writes fall back to the input price when the
 * catalog has no separate one, one-hour cache writes to the (5-minute) write price; reasoning
 * tokens (part of output) use the reasoning price when one exists, else output's. Above a tier
 * threshold (e.g. Gemini's 200k) the whole request uses the tier's prices (the highest threshold
 * exceeded wins). A per-request fee is added once per request and each web search at its price.
 * Undefined when the entry has no input or output price: unpriced, never $0.
 */
export function computeCost(
  usage: Usage,
  entry: CatalogEntry,
  options: CostOptions = {},
): number | undefined {
  const prices = pricesAt(entry, options.at);
  const tierInputTokens = options.tierInputTokens ?? usage.inputTokens;
  let tier: PriceTier | undefined;
  for (const candidate of prices.tiers ?? []) {
    if (
      tierInputTokens > candidate.aboveInputTokens &&
      candidate.aboveInputTokens > (tier?.aboveInputTokens ?? -1)
    )
      tier = candidate;
  }
  const input = tier?.input ?? prices.input;
  const output = tier?.output ?? prices.output;
  if (input === undefined || output === undefined) return undefined;
  // a tier without its own cache prices keeps the base ones (Gemini lists none above 200k)
  const cacheRead = tier?.cacheRead ?? prices.cacheRead ?? input;
  const cacheWrite = tier?.cacheWrite ?? prices.cacheWrite ?? input;
  // a tier that reprices a class but not its sub-class bills the sub-class at the class's tier price
  const cacheWrite1h =
    tier?.cacheWrite1h ?? (tier?.cacheWrite === undefined ? prices.cacheWrite1h : undefined) ?? cacheWrite;
  const reasoning = tier?.reasoning ?? (tier?.output === undefined ? prices.reasoning : undefined) ?? output;
  // each token is priced once: the cache and reasoning counts are parts of the totals, and a count
  // the provider did not report leaves its tokens at the base price of their total
  const written = usage.cacheWriteTokens ?? 0;
  const written1h = Math.min(usage.cacheWrite1hTokens ?? 0, written);
  const cost =
    uncachedInputTokens(usage) * input +
    (usage.cacheReadTokens ?? 0) * cacheRead +
    (written - written1h) * cacheWrite +
    written1h * cacheWrite1h +
    visibleOutputTokens(usage) * output +
    (usage.reasoningTokens ?? 0) * reasoning +
    (options.requests ?? 1) * (prices.perRequest ?? 0) +
    (usage.webSearches ?? 0) * (prices.webSearch ?? 0);
  return Math.round(cost * 1e10) / 1e10;
}
