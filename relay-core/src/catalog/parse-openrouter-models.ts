import type { CatalogEntry } from './catalog-types.js';

/** One model of OpenRouter's public list (GET https://openrouter.ai/api/v1/models), as far as we read it. */
interface OpenRouterModel {
  id?: unknown;
  context_length?: unknown;
  pricing?: Record<string, unknown>;
  architecture?: { input_modalities?: unknown; output_modalities?: unknown };
  top_provider?: { max_completion_tokens?: unknown };
  supported_parameters?: unknown;
}

/** A price string in USD per token; "-1" (a router whose price depends on the model) is no price. */
function price(value: unknown): number | undefined {
  const parsed = typeof value === 'string' || typeof value === 'number' ? Number(value) : NaN;
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * OpenRouter's public model list as catalog entries under provider `openrouter`: prices (USD per
 * token, strings in the wire format), context window, max output, input modalities and what
 * `supported_parameters` says about tools, reasoning and structured outputs. Models that produce
 * no text (image generators) are left out; a malformed item is skipped, never guessed.
 */
export function parseOpenRouterModels(body: unknown, priceDate: string): CatalogEntry[] {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new Error("OpenRouter's model list has no 'data' array");
  const entries: CatalogEntry[] = [];
  for (const item of data as OpenRouterModel[]) {
    if (typeof item?.id !== 'string' || item.id.length === 0) continue;
    const output = strings(item.architecture?.output_modalities);
    if (output.length > 0 && !output.includes('text')) continue;
    const input = strings(item.architecture?.input_modalities);
    const parameters = strings(item.supported_parameters);
    const pricing = item.pricing ?? {};
    const entry: CatalogEntry = {
      provider: 'openrouter',
      model: item.id,
      mode: 'chat',
      capabilities: {
        tools: parameters.includes('tools'),
        parallelTools: parameters.includes('parallel_tool_calls'),
        vision: input.includes('image'),
        reasoning: parameters.includes('reasoning') || parameters.includes('include_reasoning'),
        jsonSchema: parameters.includes('structured_outputs'),
        promptCaching: price(pricing.input_cache_read) !== undefined,
        audioIn: input.includes('audio'),
        pdf: input.includes('file'),
      },
      source: 'openrouter',
      priceDate,
    };
    const prices = {
      input: price(pricing.prompt),
      output: price(pricing.completion),
      cacheRead: price(pricing.input_cache_read),
      cacheWrite: price(pricing.input_cache_write),
      reasoning: price(pricing.internal_reasoning),
    };
    for (const [key, value] of Object.entries(prices)) {
      // a reasoning price of 0 on OpenRouter means "billed as output", not free
      if (value !== undefined && !(key === 'reasoning' && value === 0))
        entry[key as keyof typeof prices] = value;
    }
    const contextWindow = positive(item.context_length);
    if (contextWindow) entry.contextWindow = contextWindow;
    const maxOutput = positive(item.top_provider?.max_completion_tokens);
    if (maxOutput) entry.maxOutput = maxOutput;
    entries.push(entry);
  }
  return entries;
}
