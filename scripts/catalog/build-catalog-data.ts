import type { CatalogFile } from '../../relay-core/src/catalog/catalog-types.js';
import { readCatalogSources } from './catalog-sources.js';
import { mergeSources } from './merge-sources.js';
import type { MergeContext } from './merge-model-group.js';
import { createGenaiMatcher, readGenaiPrices } from './read-genai-prices.js';
import { litellmSource, readLitellm } from './read-litellm.js';
import { modelsDevSource, readModelsDev } from './read-models-dev.js';
import { genaiPricesSource } from './read-genai-prices.js';

/**
 * The merged catalog and what went into it, from the three sources as installed (no network):
 * everything `npm run build:catalog` writes, computed without writing.
 */
export async function buildCatalogData() {
  const { sources, genaiProviders, modelsDev, litellm } = await readCatalogSources();
  const dates = Object.fromEntries(sources.map((source) => [source.id, source.date]));
  const fromLitellm = readLitellm(litellm, dates[litellmSource]!);
  const models = [...readGenaiPrices(genaiProviders), ...fromLitellm.models, ...readModelsDev(modelsDev)];
  const freshness = [...sources]
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
    .map((s) => s.id);
  const context: MergeContext = {
    freshness,
    specificity: [modelsDevSource, litellmSource, genaiPricesSource],
    dates,
    // noon UTC on the freshest source's day: inside DeepSeek's standard-price hours
    comparedAt: new Date(`${dates[freshness[0]!]}T12:00:00Z`),
  };
  const merged = mergeSources(models, createGenaiMatcher(genaiProviders), context);
  const file: CatalogFile = { sources, entries: merged.entries };
  return { file, models, merged, implausiblePrices: fromLitellm.implausiblePrices, context };
}
