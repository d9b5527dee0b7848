import type { Usage } from '../../canonical/types.js';

export interface GeminiUsageWire {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
  toolUsePromptTokenCount?: number;
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
