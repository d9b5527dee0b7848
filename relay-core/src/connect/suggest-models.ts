import type { Catalog, CatalogEntry } from '../catalog/load-catalog.js';
import type { ResolvedProvider } from '../providers/types.js';

/** A provider's model for coding work and a smaller one for its quick side tasks. */
export interface ModelPair {
  model: string;
  smallModel: string;
}

/** Where the catalog alone would pick oddly (an old model, a preview): the makers' current coding pair. */
const preferred: Record<string, [string, string]> = {
  anthropic: ['claude-sonnet-4-5', 'claude-haiku-4-5'],
  openai: ['gpt-5', 'gpt-5-mini'],
  gemini: ['gemini-2.5-pro', 'gemini-2.5-flash'],
  deepseek: ['deepseek-chat', 'deepseek-chat'],
};

/** Above this output price (USD per token) a model is a premium tier nobody expects as a default. */
const premiumOutputPrice = 20 / 1e6;

/** Names of snapshots and special-purpose variants, which a default should not pin. */
const unstable =
  /-\d{4}(?:-?\d{2}){0,2}(?:$|-)|\d{8}|preview|exp|beta|latest|vision|audio|tts|image|realtime|search|live|:free/i;

function candidates(catalog: Catalog, provider: string): CatalogEntry[] {
  return catalog.entries.filter(
    (entry) =>
      entry.provider === provider &&
      (entry.mode === 'chat' || entry.mode === 'responses') &&
      entry.capabilities.tools &&
      entry.deprecationDate === undefined &&
      !unstable.test(entry.model),
  );
}

const byContextThenName = (a: CatalogEntry, b: CatalogEntry) =>
  (b.contextWindow ?? 0) - (a.contextWindow ?? 0) || a.model.localeCompare(b.model);

/**
 * The models to suggest for a configured provider: of the names the user listed for it, the first
 * the catalog knows as a tool-using chat model (else the first listed) and the cheapest such; else,
 * from the catalog, a current tool-using model below the premium tier and the cheapest such one.
 * Undefined for local servers and Azure without a model list: their model names are the user's own.
 */
export function suggestModels(provider: ResolvedProvider, catalog: Catalog): ModelPair | undefined {
  const catalogId = provider.preset.catalogProvider;
  if (provider.models.length > 0) {
    // of the listed names, the first the catalog knows as a tool-using chat model (not an embedding)
    const usable = (entry: CatalogEntry | undefined) =>
      entry !== undefined &&
      entry.mode !== 'embedding' &&
      entry.mode !== 'completion' &&
      entry.capabilities.tools;
    const known = provider.models.filter((model) => usable(catalog.find(catalogId, model)));
    const main =
      known[0] ?? provider.models.find((model) => catalog.find(catalogId, model)?.mode !== 'embedding');
    if (!main) return undefined;
    const price = (model: string) => catalog.find(catalogId, model)?.output ?? Infinity;
    const small = [...known].sort((a, b) => price(a) - price(b))[0] ?? main;
    return { model: main, smallModel: small };
  }
  if (provider.preset.keyless || provider.preset.adapter === 'azure') return undefined;
  const known = preferred[catalogId];
  if (known && known.every((model) => catalog.find(catalogId, model)))
    return { model: known[0], smallModel: known[1] };
  const entries = candidates(catalog, catalogId);
  const main = entries
    .filter((entry) => entry.output !== undefined && entry.output <= premiumOutputPrice)
    .sort((a, b) => b.output! - a.output! || byContextThenName(a, b))[0];
  const small = entries
    .filter((entry) => entry.output !== undefined)
    .sort((a, b) => a.output! - b.output! || byContextThenName(a, b))[0];
  if (!main) return undefined;
  return { model: main.model, smallModel: (small ?? main).model };
}
