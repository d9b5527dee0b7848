import { priceFields } from './catalog-types.js';
import type { CatalogEntry, CatalogSource, PriceField } from './catalog-types.js';

/** Where one figure of an entry comes from: the source's id, the date of its figures, and what it is. */
export interface FigureSource {
  source: string;
  date: string;
  /** The source's name and version, for a source the catalog was built from. */
  name?: string;
  version?: string;
}

/** The source of each price an entry has, and of its limits (context window, output limit). */
export type EntryProvenance = Partial<Record<PriceField | 'limits', FigureSource>>;

/**
 * Every figure's source and date: a price from the entry's `source` unless another source filled
 * it in, the limits from `limitsSource` or else `source`. A source the bundled catalog was built
 * from gives its date; another (an online refresh, the user's price) the entry's `priceDate`.
 */
export function describeProvenance(entry: CatalogEntry, sources: readonly CatalogSource[]): EntryProvenance {
  const figure = (source: string): FigureSource => {
    const known = sources.find((candidate) => candidate.id === source);
    return known
      ? { source, date: known.date, name: known.name, version: known.version }
      : { source, date: entry.priceDate };
  };
  const provenance: EntryProvenance = {};
  for (const field of priceFields) {
    if (entry[field] !== undefined)
      provenance[field] = figure(entry.priceFieldSources?.[field] ?? entry.source);
  }
  if (entry.contextWindow !== undefined || entry.maxOutput !== undefined)
    provenance.limits = figure(entry.limitsSource ?? entry.source);
  return provenance;
}
