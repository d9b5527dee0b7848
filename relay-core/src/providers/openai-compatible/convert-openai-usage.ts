import type { Usage } from '../../canonical/types.js';

interface OpenAIUsageWire {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
  /** DeepSeek reports cache hits here instead of prompt_tokens_details. */
  prompt_cache_hit_tokens?: number;
}

/**
 * Normalises an OpenAI-family usage object. Groq sends usage under `x_groq.usage` on the last
 * chunk; DeepSeek reports `prompt_cache_hit_tokens`. Returns undefined for null/absent usage.
 */
export function convertOpenAIUsage(chunk: {
  usage?: unknown;
  x_groq?: { usage?: unknown };
}): Usage | undefined {
  const wire = (chunk.usage ?? chunk.x_groq?.usage) as OpenAIUsageWire | null | undefined;
  if (wire === null || typeof wire !== 'object') return undefined;
  const cached = wire.prompt_tokens_details?.cached_tokens ?? wire.prompt_cache_hit_tokens ?? 0;
  return {
    inputTokens: wire.prompt_tokens ?? 0,
    outputTokens: wire.completion_tokens ?? 0,
    cacheReadTokens: cached ?? 0,
    cacheWriteTokens: 0,
    reasoningTokens: wire.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}
