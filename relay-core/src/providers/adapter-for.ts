import type { Catalog } from '../catalog/load-catalog.js';
import type { AdapterKind } from '../config/presets.js';
import { anthropicAdapter } from './anthropic/anthropic-provider.js';
import { azureAdapter } from './azure/azure-provider.js';
import { bedrockAdapter } from './bedrock/bedrock-provider.js';
import { geminiAdapter } from './gemini/gemini-provider.js';
import { openAICompatibleAdapter } from './openai-compatible/openai-compatible-provider.js';
import { openAIResponsesAdapter } from './openai-responses/openai-responses-provider.js';
import type { ProviderAdapter, ResolvedProvider } from './types.js';

const adapters: Record<AdapterKind, ProviderAdapter> = {
  'openai-compatible': openAICompatibleAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
  azure: azureAdapter,
  bedrock: bedrockAdapter,
};

/** The adapter that speaks to a provider about a model: its preset's, or the Responses API's. */
export function adapterFor(catalog: Catalog, provider: ResolvedProvider, model: string): ProviderAdapter {
  // models served only by the Responses API (o1-pro, codex, deep research) go there
  if (provider.preset.id === 'openai' && catalog.find('openai', model)?.mode === 'responses')
    return openAIResponsesAdapter;
  return adapters[provider.preset.adapter];
}
