/**
 * Each source's provider ids → ours (the presets' `catalogProvider`, and LiteLLM's names for the
 * rest: relay-core/src/catalog/map-litellm-provider.ts). A provider named alike in two sources is
 * one provider; an unknown id keeps its name with `_` → `-`.
 */
const genaiPrices: Record<string, string> = {
  aws: 'bedrock',
  google: 'gemini',
  moonshotai: 'moonshot',
  voyageai: 'voyage',
  'x-ai': 'xai',
};

const modelsDev: Record<string, string> = {
  alibaba: 'qwen',
  'amazon-bedrock': 'bedrock',
  'cloudflare-workers-ai': 'cloudflare',
  'fireworks-ai': 'fireworks',
  google: 'gemini',
  'google-vertex': 'vertex',
  'google-vertex-anthropic': 'vertex',
  llama: 'meta-llama',
  moonshotai: 'moonshot',
  'moonshotai-cn': 'moonshot-cn',
  togetherai: 'together',
  vercel: 'vercel-ai-gateway',
};

const dashed = (id: string) => id.replace(/_/g, '-');

/**
 * Our provider for a genai-prices provider and one of its models: its `google` prices the Gemini
 * API and Vertex AI alike, and its Claude models there are Vertex's.
 */
export function providerFromGenaiPrices(genaiProvider: string, modelId: string): string {
  if (genaiProvider === 'google' && modelId.startsWith('claude')) return 'vertex';
  return genaiPrices[genaiProvider] ?? dashed(genaiProvider);
}

/** The genai-prices provider whose rules price our provider's models, if it has one. */
export function genaiPricesProviderFor(
  provider: string,
  genaiProviders: readonly string[],
): string | undefined {
  if (provider === 'vertex') return 'google';
  return genaiProviders.find((id) => (genaiPrices[id] ?? dashed(id)) === provider);
}

/** Our provider for a models.dev provider. */
export function providerFromModelsDev(modelsDevProvider: string): string {
  return modelsDev[modelsDevProvider] ?? dashed(modelsDevProvider);
}
