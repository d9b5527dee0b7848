import type { PriceTier, Prices } from './catalog-types.js';

type Raw = Record<string, unknown>;

/** The price fields of a catalog entry. */
export type EntryPrices = Prices;

/**
 * No text model costs more than $1,000 per million tokens (o1-pro's output, the dearest, is $600).
 * A larger per-token figure is a unit error in the source (W&B Inference lists per-million prices
 * in the per-token field), so such an entry is kept unpriced rather than over-billed a millionfold.
 */
export const maxPlausiblePricePerToken = 1e-3;

function price(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function tierPrices(raw: Raw, suffix: string): Omit<PriceTier, 'aboveInputTokens'> {
  return {
    input: price(raw[`input_cost_per_token${suffix}`]),
    output: price(raw[`output_cost_per_token${suffix}`]),
    // DeepSeek calls its cache-read price `input_cost_per_token_cache_hit`
    cacheRead:
      price(raw[`cache_read_input_token_cost${suffix}`]) ??
      price(raw[`input_cost_per_token_cache_hit${suffix}`]),
    // LiteLLM writes 0 where a provider has no separate cache-write price (DeepSeek caches
    // automatically); 0 would bill written tokens as free, undefined bills them as input
    cacheWrite: price(raw[`cache_creation_input_token_cost${suffix}`]) || undefined,
    cacheWrite1h: price(raw[`cache_creation_input_token_cost_above_1hr${suffix}`]) || undefined,
    reasoning: price(raw[`output_cost_per_reasoning_token${suffix}`]),
  };
}

/** A web search's price: LiteLLM prices it per search context size; the default size is medium. */
function webSearchPrice(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return price((value as Raw).search_context_size_medium);
}

const hasPrice = (tier: Omit<PriceTier, 'aboveInputTokens'>) =>
  tier.input !== undefined || tier.output !== undefined;

/**
 * Prices of one LiteLLM entry, USD per token. Long-context tiers come from the
 * `*_above_128k_tokens` / `*_above_200k_tokens` keys, or from Qwen's `tiered_pricing` list of input
 * ranges (its first range is the base price, each further range a tier above its lower bound).
 * Per-token prices, Anthropic's one-hour cache write (`_above_1hr`), a request fee
 * (`input_cost_per_request`) and a web search's price (`search_context_cost_per_query`) are read;
 * per-character, per-second and per-image prices price other media. Service tiers (`_priority`,
 * `_flex`, `_batches`) are not modelled: requests are priced at the standard tier.
 */
export function parseLitellmPrices(raw: Raw): EntryPrices {
  let base: Prices = tierPrices(raw, '');
  const tiers: PriceTier[] = [];
  for (const threshold of [128, 200]) {
    const tier = tierPrices(raw, `_above_${threshold}k_tokens`);
    if (hasPrice(tier)) tiers.push({ aboveInputTokens: threshold * 1000, ...tier });
  }
  if (Array.isArray(raw.tiered_pricing)) {
    const ranges = raw.tiered_pricing
      .filter((item): item is Raw => typeof item === 'object' && item !== null && Array.isArray(item.range))
      .map((item) => ({ from: price((item.range as unknown[])[0]), prices: tierPrices(item, '') }))
      .filter((item): item is { from: number; prices: typeof base } => item.from !== undefined)
      .sort((a, b) => a.from - b.from);
    const first = ranges[0];
    if (first && !hasPrice(base)) base = first.prices;
    for (const range of ranges.slice(1)) {
      if (hasPrice(range.prices)) tiers.push({ aboveInputTokens: range.from, ...range.prices });
    }
  }
  tiers.sort((a, b) => a.aboveInputTokens - b.aboveInputTokens);
  return {
    ...base,
    perRequest: price(raw.input_cost_per_request),
    webSearch: webSearchPrice(raw.search_context_cost_per_query),
    tiers: tiers.length > 0 ? tiers : undefined,
  };
}

/** True when any price of the entry is above maxPlausiblePricePerToken. */
export function hasImplausiblePrice(prices: EntryPrices): boolean {
  return [prices, ...(prices.tiers ?? [])].some((tier) =>
    [tier.input, tier.output, tier.cacheRead, tier.cacheWrite, tier.cacheWrite1h, tier.reasoning].some(
      (value) => value !== undefined && value > maxPlausiblePricePerToken,
    ),
  );
}
