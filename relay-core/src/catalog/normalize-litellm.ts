import { byProviderAndModel } from './catalog-types.js';
import type { CatalogEntry } from './catalog-types.js';
import { mapLitellmProvider, stripLitellmPrefix } from './map-litellm-provider.js';
import { hasImplausiblePrice, parseLitellmPrices } from './parse-litellm-prices.js';

type Raw = Record<string, unknown>;

const keptModes = new Set(['chat', 'responses', 'completion', 'embedding']);

/** The normalised entries, and the source keys whose prices were dropped as implausible. */
export interface NormalizedCatalog {
  entries: CatalogEntry[];
  implausiblePrices: string[];
}

const positiveInteger = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;

function capabilities(raw: Raw): CatalogEntry['capabilities'] {
  return {
    tools: raw.supports_function_calling === true,
    parallelTools: raw.supports_parallel_function_calling === true,
    vision: raw.supports_vision === true,
    reasoning: raw.supports_reasoning === true,
    jsonSchema: raw.supports_response_schema === true,
    promptCaching: raw.supports_prompt_caching === true,
    audioIn: raw.supports_audio_input === true,
    pdf: raw.supports_pdf_input === true,
  };
}

/**
 * Normalises LiteLLM's model_prices_and_context_window.json into catalog entries, sorted by
 * provider then model. Decisions:
 * - `sample_spec`, non-object values and modes other than chat, responses, completion and
 *   embedding (images, audio, rerank, OCR, search, ...) are left out.
 * - An entry without prices is kept (its capabilities still help routing) with its prices
 *   undefined, so requests to it are recorded as unpriced, never as $0. An explicit 0 in the
 *   source (Ollama's local models) stays 0.
 * - Prices above maxPlausiblePricePerToken are unit errors in the source; that entry is unpriced.
 * - The context window is `max_input_tokens` only: the legacy `max_tokens` is the output limit
 *   for many entries, and a too-small window would wrongly exclude a model from routing.
 * - LiteLLM lists some models twice, bare and `provider/`-prefixed, which become one
 *   (provider, model) pair (case-insensitively). The first in file order wins unless only a later
 *   one has prices. For DeepSeek this keeps the bare `deepseek-chat` / `deepseek-reasoner` entries,
 *   which cite DeepSeek's pricing page, over the older `deepseek/` ones with V3-era prices.
 */
export function normalizeLitellm(
  json: Record<string, unknown>,
  source: { name: string; date: string },
): NormalizedCatalog {
  const byKey = new Map<string, CatalogEntry>();
  const implausiblePrices: string[] = [];
  for (const [key, value] of Object.entries(json)) {
    if (key === 'sample_spec' || value === null || typeof value !== 'object' || Array.isArray(value))
      continue;
    const raw = value as Raw;
    const litellmProvider = typeof raw.litellm_provider === 'string' ? raw.litellm_provider : undefined;
    const mode = typeof raw.mode === 'string' ? raw.mode : undefined;
    if (!litellmProvider || !mode || !keptModes.has(mode)) continue;
    let prices = parseLitellmPrices(raw);
    if (hasImplausiblePrice(prices)) {
      implausiblePrices.push(key);
      prices = {};
    }
    // fixed key order: catalog.json is diffed between refreshes
    const entry: CatalogEntry = {
      provider: mapLitellmProvider(litellmProvider),
      model: stripLitellmPrefix(key, litellmProvider),
      mode: mode as CatalogEntry['mode'],
      input: prices.input,
      output: prices.output,
      cacheRead: prices.cacheRead,
      cacheWrite: prices.cacheWrite,
      cacheWrite1h: prices.cacheWrite1h,
      reasoning: prices.reasoning,
      perRequest: prices.perRequest,
      webSearch: prices.webSearch,
      tiers: prices.tiers,
      contextWindow: positiveInteger(raw.max_input_tokens),
      maxOutput: positiveInteger(raw.max_output_tokens),
      capabilities: capabilities(raw),
      deprecationDate: typeof raw.deprecation_date === 'string' ? raw.deprecation_date : undefined,
      source: source.name,
      priceDate: source.date,
    };
    const id = `${entry.provider}\u0000${entry.model.toLowerCase()}`;
    const existing = byKey.get(id);
    if (!existing || (existing.input === undefined && entry.input !== undefined)) byKey.set(id, entry);
  }
  const entries = [...byKey.values()].sort(byProviderAndModel);
  return { entries, implausiblePrices };
}
