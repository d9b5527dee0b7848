import { RelayError } from '../canonical/errors.js';
import type { CatalogEntry } from '../catalog/load-catalog.js';
import { measureWindows, windowStart } from '../store/model-measures.js';
import type { MeasureWindow, MeasuredPair, ModelMeasures } from '../store/model-measures.js';
import type { AdminDeps } from './admin-deps.js';

/** The model browser's measured columns, by the name `sort` takes, each with its value. */
export const measuredSorts: Record<string, (measures: ModelMeasures) => number | undefined> = {
  requests: (measures) => measures.requests,
  ttft_p50: (measures) => measures.ttftP50Ms,
  ttft_p95: (measures) => measures.ttftP95Ms,
  tokens_per_second: (measures) => measures.tokensPerSecond,
  error_rate: (measures) => measures.errorRate,
  spend: (measures) => measures.spendUsd,
  cache_saved: (measures) => measures.cacheSavedUsd,
};

/** The window a query string asks for (`window`: 24h, 7d, 30d or all; 30d when absent). */
export function parseMeasureWindow(url: URL): MeasureWindow {
  const asked = url.searchParams.get('window') || '30d';
  if (!(measureWindows as readonly string[]).includes(asked))
    throw new RelayError('BAD_REQUEST', `window must be one of ${measureWindows.join(', ')}`, {
      param: 'window',
    });
  return asked as MeasureWindow;
}

/**
 * The catalog entry a recorded `(provider, model)` was priced against, as the pipeline prices it:
 * a configured provider's own catalog (or any catalog's entry of a model it serves, as the
 * browser lists them), or the catalog provider of that name for a provider no longer configured.
 */
function entryOf(deps: AdminDeps, pair: MeasuredPair): CatalogEntry | undefined {
  const configured = deps.runtime.providers.find((provider) => provider.id === pair.provider);
  const own = deps.catalog.find(configured?.preset.catalogProvider ?? pair.provider, pair.model);
  return own ?? (configured ? deps.catalog.findAnyProvider(pair.model)[0] : undefined);
}

/**
 * The user's own figures per provider and model over a window, most used first: the names a model
 * was recorded under (the name asked for on a try, the dated snapshot an answer named) are one
 * model when the catalog knows them as one.
 */
export async function measuresByProvider(deps: AdminDeps, window: MeasureWindow, now: number) {
  const groups = await deps.history.measureModels({ from: windowStart(window, now) }, (pair) =>
    JSON.stringify([pair.provider, entryOf(deps, pair)?.model ?? pair.model]),
  );
  return groups
    .map(({ key, pairs, ...measures }) => {
      const [provider, model] = JSON.parse(key) as [string, string];
      return { provider, model, names: [...new Set(pairs.map((pair) => pair.model))].sort(), ...measures };
    })
    .sort((a, b) => b.requests - a.requests || b.tries - a.tries);
}

/** The user's own figures per catalog entry over a window; an entry without requests has none. */
export async function measuresByEntry(
  deps: AdminDeps,
  window: MeasureWindow,
  now: number,
): Promise<Map<CatalogEntry, ModelMeasures>> {
  const entries = new Map<string, CatalogEntry>();
  const groups = await deps.history.measureModels({ from: windowStart(window, now) }, (pair) => {
    const entry = entryOf(deps, pair);
    if (!entry) return undefined;
    const key = JSON.stringify([entry.provider, entry.model]);
    entries.set(key, entry);
    return key;
  });
  return new Map(groups.map(({ key, pairs: _pairs, ...measures }) => [entries.get(key)!, measures]));
}
