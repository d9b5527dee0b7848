import type { CatalogEntry, PriceTier } from './catalog-types.js';

type Raw = Record<string, unknown>;

/** LiteLLM provider names → ours; the rest keep their name with `_` → `-`. */
const providerAliases: Record<string, string> = {
  'text-completion-openai': 'openai',
  together_ai: 'together',
  fireworks_ai: 'fireworks',
  dashscope: 'qwen',
  bedrock_converse: 'bedrock',
  cohere_chat: 'cohere',
  azure_ai: 'azure-ai',
};

const keptModes = new Set(['chat', 'responses', 'completion', 'embedding']);

export function mapLitellmProvider(name: string): string {
  if (name.startsWith('vertex_ai')) return 'vertex';
  return providerAliases[name] ?? name.replace(/_/g, '-');
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function stripPrefix(key: string, litellmProvider: string): string {
  const first = key.split('/')[0]!;
  const family = litellmProvider.split('-')[0]!;
  if (
    key.includes('/') &&
    (first === litellmProvider || first === family || first === mapLitellmProvider(litellmProvider))
  ) {
    return key.slice(first.length + 1);
  }
  return key;
}

function tiers(raw: Raw): PriceTier[] | undefined {
  const out: PriceTier[] = [];
  for (const threshold of [128, 200]) {
    const suffix = `_above_${threshold}k_tokens`;
    const tier: PriceTier = {
      aboveInputTokens: threshold * 1000,
      input: num(raw[`input_cost_per_token${suffix}`]),
      output: num(raw[`output_cost_per_token${suffix}`]),
      cacheRead: num(raw[`cache_read_input_token_cost${suffix}`]),
      cacheWrite: num(raw[`cache_creation_input_token_cost${suffix}`]),
    };
    if (tier.input !== undefined || tier.output !== undefined) out.push(tier);
  }
  return out.length > 0 ? out : undefined;
}

/**
 * Normalises LiteLLM's model_prices_and_context_window.json into catalog entries. Merge rules:
 * the first entry for a (provider, model) pair wins, unless a later one has prices and it has
 * none; image, audio, rerank and other non-text modes are left out; an entry without prices is
 * kept (it has capabilities) with its prices undefined, so it is reported as unpriced, never $0.
 * DeepSeek's `input_cost_per_token_cache_hit` is its cache-read price.
 */
export function normalizeLitellm(
  json: Record<string, unknown>,
  source: { name: string; date: string },
): CatalogEntry[] {
  const byKey = new Map<string, CatalogEntry>();
  for (const [key, value] of Object.entries(json)) {
    if (key === 'sample_spec' || value === null || typeof value !== 'object') continue;
    const raw = value as Raw;
    const litellmProvider = typeof raw.litellm_provider === 'string' ? raw.litellm_provider : undefined;
    const mode = typeof raw.mode === 'string' ? raw.mode : undefined;
    if (!litellmProvider || !mode || !keptModes.has(mode)) continue;
    const entry: CatalogEntry = {
      provider: mapLitellmProvider(litellmProvider),
      model: stripPrefix(key, litellmProvider),
      mode: mode as CatalogEntry['mode'],
      input: num(raw.input_cost_per_token),
      output: num(raw.output_cost_per_token),
      cacheRead: num(raw.cache_read_input_token_cost) ?? num(raw.input_cost_per_token_cache_hit),
      cacheWrite: num(raw.cache_creation_input_token_cost),
      reasoning: num(raw.output_cost_per_reasoning_token),
      tiers: tiers(raw),
      contextWindow: num(raw.max_input_tokens) ?? num(raw.max_tokens),
      maxOutput: num(raw.max_output_tokens),
      capabilities: {
        tools: raw.supports_function_calling === true,
        parallelTools: raw.supports_parallel_function_calling === true,
        vision: raw.supports_vision === true,
        reasoning: raw.supports_reasoning === true,
        jsonSchema: raw.supports_response_schema === true,
        promptCaching: raw.supports_prompt_caching === true,
        audioIn: raw.supports_audio_input === true,
        pdf: raw.supports_pdf_input === true,
      },
      deprecationDate: typeof raw.deprecation_date === 'string' ? raw.deprecation_date : undefined,
      source: source.name,
      priceDate: source.date,
    };
    // a cache write that LiteLLM lists as 0 means "not offered", not free
    if (entry.cacheWrite === 0) entry.cacheWrite = undefined;
    const id = `${entry.provider}\u0000${entry.model}`;
    const existing = byKey.get(id);
    if (!existing || (existing.input === undefined && entry.input !== undefined)) byKey.set(id, entry);
  }
  return [...byKey.values()].sort(
    (a, b) => a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model),
  );
}
