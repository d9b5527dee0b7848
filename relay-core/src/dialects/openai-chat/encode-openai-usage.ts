import type { Usage } from '../../canonical/types.js';

/** The known counts of `counts`, or undefined when none is known. */
function known(counts: Record<string, number | undefined>): Record<string, number> | undefined {
  const entries = Object.entries(counts).filter((entry): entry is [string, number] => entry[1] !== undefined);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/**
 * Canonical usage → OpenAI's `CompletionUsage`. The details objects carry only the counts the
 * relay knows (OpenAI types every detail optional), and are left out when it knows none of them.
 */
export function encodeOpenAIUsage(usage: Usage): Record<string, unknown> {
  const prompt = known({
    cached_tokens: usage.cacheReadTokens,
    cache_write_tokens: usage.cacheWriteTokens,
    audio_tokens: usage.inputAudioTokens,
  });
  const completion = known({
    reasoning_tokens: usage.reasoningTokens,
    audio_tokens: usage.outputAudioTokens,
  });
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    ...(prompt ? { prompt_tokens_details: prompt } : {}),
    ...(completion ? { completion_tokens_details: completion } : {}),
  };
}
