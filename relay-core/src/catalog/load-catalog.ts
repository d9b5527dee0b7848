import { readFileSync } from 'node:fs';
import type { CatalogEntry, CatalogFile } from './catalog-types.js';
import { modelIdCandidates } from './normalize-model-id.js';

export type { CatalogEntry } from './catalog-types.js';

/** The model catalog, indexed for per-request lookups. */
export interface Catalog {
  entries: readonly CatalogEntry[];
  generatedFrom: CatalogFile['generatedFrom'];
  /** When the catalog was last refreshed from online sources (ISO time), if ever. */
  refreshedAt?: string;
  /** The entry a provider serves under this name (after id normalisation), or undefined. */
  find(provider: string, model: string): CatalogEntry | undefined;
  /** Chat-capable model ids of a provider, sorted. */
  modelsFor(provider: string): string[];
  /** Every provider's entry for a bare model name. */
  findAnyProvider(model: string): CatalogEntry[];
}

const defaultPath = new URL('../../../resources/catalog.json', import.meta.url);

/** Builds the lookup indexes once; `find` is a few Map lookups (it runs on every request). */
export function createCatalog(file: CatalogFile, refreshedAt?: string): Catalog {
  const byProvider = new Map<string, Map<string, CatalogEntry>>();
  const byModel = new Map<string, CatalogEntry[]>();
  for (const entry of file.entries) {
    const id = entry.model.toLowerCase();
    let models = byProvider.get(entry.provider);
    if (!models) byProvider.set(entry.provider, (models = new Map()));
    if (!models.has(id)) models.set(id, entry);
    const list = byModel.get(id) ?? [];
    list.push(entry);
    byModel.set(id, list);
  }
  const memo = new Map<string, CatalogEntry | null>();
  return {
    entries: file.entries,
    generatedFrom: file.generatedFrom,
    ...(refreshedAt ? { refreshedAt } : {}),
    find(provider, model) {
      const key = `${provider}\u0000${model}`;
      const cached = memo.get(key);
      if (cached !== undefined) return cached ?? undefined;
      const models = byProvider.get(provider);
      let found: CatalogEntry | undefined;
      if (models) {
        for (const candidate of modelIdCandidates(model)) {
          found = models.get(candidate);
          if (found) break;
        }
      }
      if (memo.size > 10_000) memo.clear();
      memo.set(key, found ?? null);
      return found;
    },
    modelsFor(provider) {
      const models = byProvider.get(provider);
      if (!models) return [];
      return [...models.values()]
        .filter((entry) => entry.mode === 'chat' || entry.mode === 'responses')
        .map((entry) => entry.model)
        .sort();
    },
    findAnyProvider(model) {
      for (const candidate of modelIdCandidates(model)) {
        const list = byModel.get(candidate);
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
