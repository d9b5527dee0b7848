import { priceFields } from '../../relay-core/src/catalog/catalog-types.js';
import type { CatalogEntry } from '../../relay-core/src/catalog/catalog-types.js';
import { normalizeLitellm } from '../../relay-core/src/catalog/normalize-litellm.js';
import type { SourceModel } from './source-model.js';

export const litellmSource = 'litellm';

function asSourceModel(entry: CatalogEntry): SourceModel {
  const prices = Object.fromEntries(
    priceFields.filter((field) => entry[field] !== undefined).map((field) => [field, entry[field]]),
  );
  return {
    source: litellmSource,
    provider: entry.provider,
    id: entry.model,
    idListed: true,
    mode: entry.mode,
    ...(entry.input !== undefined || entry.output !== undefined ? { prices } : {}),
    contextWindow: entry.contextWindow,
    maxOutput: entry.maxOutput,
    capabilities: entry.capabilities,
    deprecationDate: entry.deprecationDate,
  };
}

/**
 * LiteLLM's price table (model_prices_and_context_window.json) as source models, through the
 * project's LiteLLM normaliser; also the keys whose prices it dropped as unit errors.
 */
export function readLitellm(json: Record<string, unknown>, date: string) {
  const { entries, implausiblePrices } = normalizeLitellm(json, { name: litellmSource, date });
  return { models: entries.map(asSourceModel), implausiblePrices };
}
