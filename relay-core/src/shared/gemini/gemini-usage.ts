import type { Usage } from '../../canonical/types.js';

/** Gemini's `usageMetadata`: prompt and candidates counted apart from thoughts. */
export interface GeminiUsageWire {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
  toolUsePromptTokenCount?: number;
  totalTokenCount?: number;
}

/**
 * Gemini reports thoughts apart from candidates; canonical output counts both, with thoughts as
 * the reasoning subset (Google bills them as output). Tool-use prompt tokens are input.
 */
export function convertGeminiUsage(wire: GeminiUsageWire): Usage {
  const thoughts = wire.thoughtsTokenCount ?? 0;
  return {
    inputTokens: (wire.promptTokenCount ?? 0) + (wire.toolUsePromptTokenCount ?? 0),
    outputTokens: (wire.candidatesTokenCount ?? 0) + thoughts,
    cacheReadTokens: wire.cachedContentTokenCount ?? 0,
    cacheWriteTokens: 0,
    reasoningTokens: thoughts,
  };
}

/**
 * Canonical usage as Gemini's `usageMetadata`, the inverse of `convertGeminiUsage`: the prompt
 * count includes cached tokens (as Gemini's does), candidates exclude thoughts.
 */
export function encodeGeminiUsage(usage: Usage): GeminiUsageWire {
  const wire: GeminiUsageWire = {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: Math.max(0, usage.outputTokens - usage.reasoningTokens),
    totalTokenCount: usage.inputTokens + usage.outputTokens,
  };
  if (usage.reasoningTokens > 0) wire.thoughtsTokenCount = usage.reasoningTokens;
  if (usage.cacheReadTokens > 0) wire.cachedContentTokenCount = usage.cacheReadTokens;
  return wire;
}
