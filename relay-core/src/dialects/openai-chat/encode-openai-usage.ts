import type { Usage } from '../../canonical/types.js';

/** Canonical usage → OpenAI's `CompletionUsage` with cached and reasoning token details. */
export function encodeOpenAIUsage(usage: Usage): Record<string, unknown> {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadTokens },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
  };
}
