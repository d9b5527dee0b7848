import type { Prices } from './catalog-types.js';
import type { Catalog, CatalogEntry } from './load-catalog.js';
import { pricesAt } from './prices-at.js';

export type Capability = keyof CatalogEntry['capabilities'];

export interface CatalogQuery {
  /** Words that must all appear in `provider/model`. */
  q?: string;
  provider?: string;
  /** Only these entries (the model browser's "available" filter: the ones a provider lists). */
  within?: ReadonlySet<CatalogEntry>;
  mode?: CatalogEntry['mode'];
  capability?: Capability[];
  minContext?: number;
  /** USD per 1M input tokens, at most. */
  maxInputPrice?: number;
  /** USD per 1M output tokens, at most. */
  maxOutputPrice?: number;
  sort?: 'model' | 'provider' | 'input' | 'output' | 'context';
  /** Sorts by this value instead (the model browser's measured columns); entries without one go last. */
  sortValue?: (entry: CatalogEntry) => number | undefined;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
  /** Sort and filter by the prices in force at this moment (a price change, peak hours). */
  at?: Date | number;
}

const sorters: Record<
  NonNullable<CatalogQuery['sort']>,
  (entry: CatalogEntry, prices: Prices) => string | number | undefined
> = {
  model: (entry) => entry.model,
  provider: (entry) => `${entry.provider}/${entry.model}`,
  input: (_entry, prices) => prices.input,
  output: (_entry, prices) => prices.output,
  context: (entry) => entry.contextWindow,
};

/**
 * Searches, filters and sorts the catalog for the model browser: words match a model's id or any
 * of its aliases. Entries without the sorted value (an unpriced model sorted by price) go last in
 * either order, never first as if free.
 */
export function queryCatalog(
  catalog: Catalog,
  query: CatalogQuery,
): { total: number; entries: CatalogEntry[] } {
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const pricesOf = (entry: CatalogEntry) => pricesAt(entry, query.at);
  const matches = catalog.entries.filter((entry) => {
    if (query.mode && entry.mode !== query.mode) return false;
    if (query.provider && entry.provider !== query.provider) return false;
    if (query.within && !query.within.has(entry)) return false;
    if (words.length > 0) {
      const names = [entry.model, ...(entry.aliases ?? [])].map((name) =>
        `${entry.provider}/${name}`.toLowerCase(),
      );
      if (!names.some((name) => words.every((word) => name.includes(word)))) return false;
    }
    if (query.capability?.some((capability) => !entry.capabilities[capability])) return false;
    if (query.minContext !== undefined && (entry.contextWindow ?? 0) < query.minContext) return false;
    if (
      query.maxInputPrice !== undefined &&
      (pricesOf(entry).input === undefined || pricesOf(entry).input! * 1e6 > query.maxInputPrice)
    )
      return false;
    if (
      query.maxOutputPrice !== undefined &&
      (entry.output === undefined || entry.output * 1e6 > query.maxOutputPrice)
    )
      return false;
    return true;
  });
  const sortValue = query.sortValue;
  const key = sortValue ? (entry: CatalogEntry) => sortValue(entry) : sorters[query.sort ?? 'provider'];
  const direction = query.order === 'desc' ? -1 : 1;
  matches.sort((a, b) => {
    const x = key(a, pricesOf(a));
    const y = key(b, pricesOf(b));
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
    return (x < y ? -1 : x > y ? 1 : 0) * direction;
  });
  const offset = Math.max(0, query.offset ?? 0);
  const limit = Math.min(1000, Math.max(1, query.limit ?? 100));
  return { total: matches.length, entries: matches.slice(offset, offset + limit) };
}
