import type { Dispatcher } from 'undici';
import type { Usage } from '../canonical/types.js';
import type { Config } from '../config/schema.js';
import type { ResolvedProvider } from '../providers/types.js';
import { computeCost } from './compute-cost.js';
import { createCatalog, readCatalogFile } from './load-catalog.js';
import type { Catalog, CatalogEntry } from './load-catalog.js';
import { createPriceOverrides, findPriceEntry } from './price-overrides.js';
import type { PriceOverrides } from './price-overrides.js';
import { loadRefreshed, mergeRefreshed, refreshCatalog, saveRefreshed } from './refresh-catalog.js';
import type { ProviderListing, RefreshedCatalog } from './refresh-catalog.js';

/** How a refresh reaches beyond the bundled catalog. */
export interface CatalogRefreshSources {
  /** What each provider's model list gave, read against the bundled catalog. */
  listings(base: Catalog): readonly ProviderListing[];
  dispatcher: Dispatcher;
  /** OpenRouter's list URL; false leaves it out. */
  openRouter: string | false;
  redact?: (text: string) => string;
}

/**
 * The catalog the running relay prices and routes with: the bundled file, the last refresh stored
 * in the data folder, the models only a provider's own list names, and the user's prices.
 */
export class LiveCatalog {
  private readonly bundled = readCatalogFile();
  private refreshed: RefreshedCatalog | undefined;
  private catalog: Catalog;
  private priceOverrides: PriceOverrides;
  private beyond: (base: Catalog) => CatalogEntry[] = () => [];

  constructor(
    private readonly home: string,
    prices: Config['prices'],
    log: (line: string) => void,
  ) {
    this.refreshed = loadRefreshed(home, log);
    this.catalog = this.base();
    this.priceOverrides = createPriceOverrides(prices);
  }

  /** The catalog as it stands now (a new object after each rebuild). */
  get current(): Catalog {
    return this.catalog;
  }

  /** The user's prices (config.yaml `prices`). */
  get overrides(): PriceOverrides {
    return this.priceOverrides;
  }

  setPrices(prices: Config['prices']): void {
    this.priceOverrides = createPriceOverrides(prices);
  }

  /** Sets where models beyond the catalog come from (providers' own lists) and rebuilds. */
  addEntriesFrom(beyond: (base: Catalog) => CatalogEntry[]): void {
    this.beyond = beyond;
    this.rebuild();
  }

  /** Models only a provider's own list names join the catalog: listed, shown and priced as such. */
  rebuild(): void {
    const base = this.base();
    const beyond = this.beyond(base);
    this.catalog =
      beyond.length === 0
        ? base
        : createCatalog(
            { sources: base.sources, entries: [...base.entries, ...beyond] },
            this.refreshed?.refreshedAt,
          );
  }

  /** Refreshes from providers' lists (and OpenRouter's), stores the result and applies it. */
  async refresh(sources: CatalogRefreshSources): Promise<RefreshedCatalog> {
    const base = createCatalog(this.bundled);
    const next = await refreshCatalog({ ...sources, base, listings: sources.listings(base) });
    saveRefreshed(this.home, next);
    this.refreshed = next;
    this.rebuild();
    return next;
  }

  /** What a call cost at the prices in force now (a price change from a date, a provider's peak hours). */
  price(
    provider: Pick<ResolvedProvider, 'id' | 'preset'>,
    model: string,
    usage: Usage | undefined,
  ): { costUsd: number | null; unpriced: boolean } {
    const entry = findPriceEntry(this.catalog, this.priceOverrides, provider, model);
    if (!entry) return { costUsd: null, unpriced: true };
    if (!usage) return { costUsd: null, unpriced: false };
    const cost = computeCost(usage, entry, { at: Date.now() });
    return cost === undefined ? { costUsd: null, unpriced: true } : { costUsd: cost, unpriced: false };
  }

  private base(): Catalog {
    return createCatalog(mergeRefreshed(this.bundled, this.refreshed), this.refreshed?.refreshedAt);
  }
}
