import type { Usage } from '../../canonical/types.js';
import { knownCounts, readCount } from '../../canonical/usage-counts.js';
import type { WireCount } from '../../canonical/usage-counts.js';

interface OpenAIUsageWire {
  prompt_tokens?: WireCount;
  completion_tokens?: WireCount;
  /** Image tokens: xAI's and OpenRouter's; cache writes: OpenAI's and OpenRouter's. */
  prompt_tokens_details?: {
    cached_tokens?: WireCount;
    cache_write_tokens?: WireCount;
    audio_tokens?: WireCount;
    image_tokens?: WireCount;
  } | null;
  completion_tokens_details?: {
    reasoning_tokens?: WireCount;
    audio_tokens?: WireCount;
    image_tokens?: WireCount;
  } | null;
  /** DeepSeek reports cache hits here as well as (or instead of) in prompt_tokens_details. */
  prompt_cache_hit_tokens?: WireCount;
}

/**
 * Normalises an OpenAI-family usage object: every count it carries, each detail a part of the
 * prompt or completion total, as OpenAI counts them. A detail the provider leaves out stays absent.
 * Groq sends usage under `x_groq.usage` on the last chunk; DeepSeek reports
 * `prompt_cache_hit_tokens`. Returns undefined for null/absent usage.
 */
export function convertOpenAIUsage(chunk: {
  usage?: unknown;
  x_groq?: { usage?: unknown };
}): Usage | undefined {
  const wire = (chunk.usage ?? chunk.x_groq?.usage) as OpenAIUsageWire | null | undefined;
  if (wire === null || typeof wire !== 'object') return undefined;
  const prompt = wire.prompt_tokens_details;
  const completion = wire.completion_tokens_details;
  return {
    inputTokens: readCount(wire.prompt_tokens) ?? 0,
    outputTokens: readCount(wire.completion_tokens) ?? 0,
    ...knownCounts({
      cacheReadTokens: readCount(prompt?.cached_tokens) ?? wire.prompt_cache_hit_tokens,
      cacheWriteTokens: prompt?.cache_write_tokens,
      reasoningTokens: completion?.reasoning_tokens,
      inputAudioTokens: prompt?.audio_tokens,
      inputImageTokens: prompt?.image_tokens,
      outputAudioTokens: completion?.audio_tokens,
      outputImageTokens: completion?.image_tokens,
    }),
  };
}
