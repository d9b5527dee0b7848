import type { Usage } from '../../canonical/types.js';
import { knownCounts, readCount, visibleOutputTokens } from '../../canonical/usage-counts.js';

/** One modality's share of a Gemini count (`promptTokensDetails`, `candidatesTokensDetails`). */
export interface GeminiModalityCount {
  modality?: string;
  tokenCount?: number;
}

/** Gemini's `usageMetadata`: prompt and candidates counted apart from thoughts. */
export interface GeminiUsageWire {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
  toolUsePromptTokenCount?: number;
  totalTokenCount?: number;
  promptTokensDetails?: GeminiModalityCount[];
  candidatesTokensDetails?: GeminiModalityCount[];
  toolUsePromptTokensDetails?: GeminiModalityCount[];
}

/** The tokens of one modality in some of Gemini's lists; undefined when none of them names it. */
function modalityCount(modality: string, ...lists: Array<GeminiModalityCount[] | undefined>) {
  let total: number | undefined;
  for (const list of lists) {
    for (const entry of Array.isArray(list) ? list : []) {
      const count = readCount(entry?.tokenCount);
      if (entry?.modality === modality && count !== undefined) total = (total ?? 0) + count;
    }
  }
  return total;
}

/**
 * Gemini reports thoughts apart from candidates; canonical output counts both, with thoughts as
 * the reasoning part (Google bills them as output). Tool-use prompt tokens are input. The prompt
 * count includes cached content. Gemini leaves a count out when it is zero, and the relay cannot
 * tell that from a count not kept, so an absent one stays absent.
 */
export function convertGeminiUsage(wire: GeminiUsageWire): Usage {
  const thoughts = readCount(wire.thoughtsTokenCount);
  return {
    inputTokens: (readCount(wire.promptTokenCount) ?? 0) + (readCount(wire.toolUsePromptTokenCount) ?? 0),
    outputTokens: (readCount(wire.candidatesTokenCount) ?? 0) + (thoughts ?? 0),
    ...knownCounts({
      cacheReadTokens: wire.cachedContentTokenCount,
      reasoningTokens: thoughts,
      inputAudioTokens: modalityCount('AUDIO', wire.promptTokensDetails, wire.toolUsePromptTokensDetails),
      inputImageTokens: modalityCount('IMAGE', wire.promptTokensDetails, wire.toolUsePromptTokensDetails),
      outputAudioTokens: modalityCount('AUDIO', wire.candidatesTokensDetails),
      outputImageTokens: modalityCount('IMAGE', wire.candidatesTokensDetails),
    }),
  };
}

/** Gemini's per-modality list for the audio and image counts that are known; undefined when none is. */
function modalityList(
  audio: number | undefined,
  image: number | undefined,
): GeminiModalityCount[] | undefined {
  const list: GeminiModalityCount[] = [];
  if (audio !== undefined) list.push({ modality: 'AUDIO', tokenCount: audio });
  if (image !== undefined) list.push({ modality: 'IMAGE', tokenCount: image });
  return list.length > 0 ? list : undefined;
}

/**
 * Canonical usage as Gemini's `usageMetadata`, the inverse of `convertGeminiUsage`: the prompt
 * count includes cached tokens (as Gemini's does), candidates exclude thoughts. Only the counts the
 * relay knows are written; Gemini has no field for cache writes.
 */
export function encodeGeminiUsage(usage: Usage): GeminiUsageWire {
  const wire: GeminiUsageWire = {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: visibleOutputTokens(usage),
    totalTokenCount: usage.inputTokens + usage.outputTokens,
  };
  if (usage.reasoningTokens !== undefined) wire.thoughtsTokenCount = usage.reasoningTokens;
  if (usage.cacheReadTokens !== undefined) wire.cachedContentTokenCount = usage.cacheReadTokens;
  const prompt = modalityList(usage.inputAudioTokens, usage.inputImageTokens);
  if (prompt) wire.promptTokensDetails = prompt;
  const candidates = modalityList(usage.outputAudioTokens, usage.outputImageTokens);
  if (candidates) wire.candidatesTokensDetails = candidates;
  return wire;
}
