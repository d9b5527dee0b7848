import { readFileSync } from 'node:fs';
import type { CatalogEntry, CatalogFile } from './catalog-types.js';
import { canonicalModelKey, modelIdCandidates } from './normalize-model-id.js';

export type { CatalogEntry } from './catalog-types.js';

/** The model catalog, indexed for per-request lookups. */
export interface Catalog {
  entries: readonly CatalogEntry[];
  sources: CatalogFile['sources'];
  /** When the catalog was last refreshed from online sources (ISO time), if ever. */
  refreshedAt?: string;
  /** The entry a provider serves under this name or one of its aliases (after normalisation). */
  find(provider: string, model: string): CatalogEntry | undefined;
  /** Chat-capable model ids of a provider, sorted. */
  modelsFor(provider: string): string[];
  /** Every provider's entry for a bare model name. */
  findAnyProvider(model: string): CatalogEntry[];
}

const defaultPath = new URL('../../../resources/catalog.json', import.meta.url);

/** A provider's models by every id they are listed under; by canonical key once a name needs it. */
interface ProviderIndex {
  entries: CatalogEntry[];
  ids: Map<string, CatalogEntry>;
  keys?: Map<string, CatalogEntry>;
}

const namesOf = (entry: CatalogEntry) => [entry.model, ...(entry.aliases ?? [])];

/**
 * A provider's models by canonical key: an entry's own id's key first (a key two entries share,
 * prices that differ by region, goes to the first), then its aliases' keys. Built on the first
 * name the provider does not list verbatim: most requests name a listed id.
 */
function keysOf(index: ProviderIndex): Map<string, CatalogEntry> {
  if (index.keys) return index.keys;
  const keys = new Map<string, CatalogEntry>();
  for (const entry of index.entries) {
    const key = canonicalModelKey(entry.model);
    if (!keys.has(key)) keys.set(key, entry);
  }
  for (const entry of index.entries) {
    for (const name of entry.aliases ?? []) {
      const key = canonicalModelKey(name);
      if (!keys.has(key)) keys.set(key, entry);
    }
  }
  return (index.keys = keys);
}

/**
 * Builds the lookup indexes; `find` is a few Map lookups (it runs on every request). An id listed
 * by two entries belongs to the first.
 */
export function createCatalog(file: CatalogFile, refreshedAt?: string): Catalog {
  const byProvider = new Map<string, ProviderIndex>();
  for (const entry of file.entries) {
    let index = byProvider.get(entry.provider);
    if (!index) byProvider.set(entry.provider, (index = { entries: [], ids: new Map() }));
    index.entries.push(entry);
    for (const name of namesOf(entry)) {
      const id = name.toLowerCase();
      if (!index.ids.has(id)) index.ids.set(id, entry);
    }
  }
  let byModel: Map<string, CatalogEntry[]> | undefined;
  const modelsByName = () => {
    if (byModel) return byModel;
    byModel = new Map();
    for (const entry of file.entries) {
      for (const name of new Set(namesOf(entry).map((id) => id.toLowerCase()))) {
        byModel.set(name, [...(byModel.get(name) ?? []), entry]);
      }
    }
    return byModel;
  };
  // per provider, then model: looked up without building a key string for each price asked
  const memo = new Map<string, Map<string, CatalogEntry | null>>();
  let memoized = 0;
  return {
    entries: file.entries,
    sources: file.sources,
    ...(refreshedAt ? { refreshedAt } : {}),
    find(provider, model) {
      let models = memo.get(provider);
      const cached = models?.get(model);
      if (cached !== undefined) return cached ?? undefined;
      const index = byProvider.get(provider);
      let found: CatalogEntry | undefined;
      if (index) {
        for (const candidate of modelIdCandidates(model)) {
          found = index.ids.get(candidate) ?? keysOf(index).get(canonicalModelKey(candidate));
          if (found) break;
        }
      }
      if (memoized >= 10_000) {
        memo.clear();
        memoized = 0;
        models = undefined;
      }
      if (!models) memo.set(provider, (models = new Map()));
      models.set(model, found ?? null);
      memoized += 1;
      return found;
    },
    modelsFor(provider) {
      const index = byProvider.get(provider);
      if (!index) return [];
      return index.entries
        .filter((entry) => entry.mode === 'chat' || entry.mode === 'responses')
        .map((entry) => entry.model)
        .sort();
    },
    findAnyProvider(model) {
      for (const candidate of modelIdCandidates(model)) {
        const list = modelsByName().get(candidate);
        if (list) return list;
      }
      return [];
    },
  };
}

/** Reads the bundled catalog file (resources/catalog.json) or another of the same shape. */
export function readCatalogFile(path: string | URL = defaultPath): CatalogFile {
  return JSON.parse(readFileSync(path, 'utf8')) as CatalogFile;
}

/** Loads the bundled catalog (resources/catalog.json) or another file of the same shape. */
export function loadCatalog(path: string | URL = defaultPath): Catalog {
  return createCatalog(readCatalogFile(path));
}
