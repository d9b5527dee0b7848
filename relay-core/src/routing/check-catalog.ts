import type { Catalog } from '../catalog/load-catalog.js';
import type { ResolvedProvider } from '../providers/types.js';
import type { RequestFeatures } from './match-route.js';
import type { Target } from './resolve-targets.js';

/** Whether a provider serves a bare model name: its own model list, then the catalog. */
export function servesFrom(catalog: () => Catalog) {
  return (provider: ResolvedProvider, model: string): boolean =>
    provider.models.includes(model) || catalog().find(provider.preset.catalogProvider, model) !== undefined;
}

/**
 * What the catalog says a target lacks for a request: a context window smaller than its input
 * (always), and — for the `auto` route's tiers, which promise a capable model — tools or images.
 * A model the catalog does not know, or a capability no source speaks of, is given the benefit of
 * the doubt.
 */
export function incapableOf(catalog: Catalog, target: Target, features: RequestFeatures): string | undefined {
  const entry = catalog.find(target.provider.preset.catalogProvider, target.model);
  if (!entry) return undefined;
  if (entry.contextWindow !== undefined && features.inputTokens > entry.contextWindow)
    return `its context window (${entry.contextWindow} tokens) is smaller than this request (about ${features.inputTokens})`;
  if (target.tier === undefined) return undefined;
  if (features.tools && entry.capabilities.tools === false) return 'the catalog lists no tool support';
  if (features.images && entry.capabilities.vision === false) return 'the catalog lists no image input';
  return undefined;
}
