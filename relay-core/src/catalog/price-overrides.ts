import { noCapabilities } from './catalog-types.js';
import type { Config } from '../config/schema.js';
import type { ResolvedProvider } from '../providers/types.js';
import type { CatalogEntry } from './catalog-types.js';
import type { Catalog } from './load-catalog.js';
import { modelIdCandidates } from './normalize-model-id.js';

/** A user's price for `provider/model` (config `prices:`), as a catalog entry marked `source: 'user'`. */
export type PriceOverrides = Map<string, CatalogEntry>;

const perToken = (perMillion: number | undefined) =>
  perMillion === undefined ? undefined : perMillion / 1e6;

export function createPriceOverrides(
  prices: Config['prices'],
  today: string = new Date().toISOString().slice(0, 10),
): PriceOverrides {
  const overrides: PriceOverrides = new Map();
  for (const price of prices) {
    const slash = price.model.indexOf('/');
    const provider = price.model.slice(0, slash);
    const model = price.model.slice(slash + 1);
    overrides.set(`${provider}/${model.toLowerCase()}`, {
      provider,
      model,
      mode: 'chat',
      input: perToken(price.input),
      output: perToken(price.output),
      cacheRead: perToken(price.cache_read),
      cacheWrite: perToken(price.cache_write),
      reasoning: perToken(price.reasoning),
      capabilities: noCapabilities,
      source: 'user',
      priceDate: today,
    });
  }
  return overrides;
}

/** The user's price for a configured provider id and a model name (dated snapshots included). */
export function findOverride(
  overrides: PriceOverrides,
  providerId: string,
  model: string,
): CatalogEntry | undefined {
  if (overrides.size === 0) return undefined;
  for (const candidate of modelIdCandidates(model)) {
    const found = overrides.get(`${providerId}/${candidate}`);
    if (found) return found;
  }
  return undefined;
}

/**
 * The entry a configured provider's model is priced at: the user's price, else the catalog's (its
 * name, alias or normalised form). The one lookup behind `x-relay-cost-usd`, what-if re-pricing
 * and the catalog API's answer for a provider and model.
 */
export function findPriceEntry(
  catalog: Catalog,
  overrides: PriceOverrides,
  provider: Pick<ResolvedProvider, 'id' | 'preset'>,
  model: string,
): CatalogEntry | undefined {
  return findOverride(overrides, provider.id, model) ?? catalog.find(provider.preset.catalogProvider, model);
}

/** A catalog entry shown at the user's price: every price is theirs, the rest (limits, capabilities) the catalog's. */
export function withUserPrices(entry: CatalogEntry, override: CatalogEntry): CatalogEntry {
  return {
    ...entry,
    input: override.input,
    output: override.output,
    cacheRead: override.cacheRead,
    cacheWrite: override.cacheWrite,
    cacheWrite1h: undefined,
    reasoning: override.reasoning,
    perRequest: undefined,
    webSearch: undefined,
    tiers: undefined,
    conditions: undefined,
    source: 'user',
    priceDate: override.priceDate,
    priceFieldSources: undefined,
    limitsSource: entry.limitsSource ?? entry.source,
  };
}
