import type { UsageCount } from '../../relay-core/src/canonical/types.js';

// Reading token counts from each wire format, for the usage matrix: the same reader reads what an
// upstream reported (the recording) and what a client of that dialect was told (the relay's
// answer), so the two compare count for count. Written from the providers' documentation and SDK
// types, not from the relay's converters.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Token counts in the canonical terms: totals with their parts inside, absent when not said. */
export type Counts = Partial<Record<UsageCount, number>>;

/** The counts among `entries` that are numbers: null and missing ones are not said. */
function said(entries: Partial<Record<UsageCount, unknown>>): Counts {
  const counts: Counts = {};
  for (const [name, value] of Object.entries(entries)) {
    if (typeof value === 'number') counts[name as UsageCount] = value;
  }
  return counts;
}

const sum = (...values: unknown[]) =>
  values.reduce<number>((total, value) => total + (typeof value === 'number' ? value : 0), 0);

/** Anthropic's usage, whole or streamed (message_start, then each message_delta over it). */
export function anthropicCounts(payloads: Json[]): Counts {
  let usage: Json | undefined;
  for (const payload of payloads) {
    if (payload.type === 'message_start') usage = { ...payload.message.usage };
    else if (payload.type === 'message_delta' && usage) {
      const before = usage.cache_creation_input_tokens;
      for (const [key, value] of Object.entries(payload.usage as Json)) if (value != null) usage[key] = value;
      // a split by lifetime describes the writes it came with
      if (payload.usage.cache_creation == null && usage.cache_creation_input_tokens !== before)
        delete usage.cache_creation;
    } else if (payload.usage && payload.content) usage = payload.usage;
  }
  if (!usage) return {};
  return said({
    inputTokens: sum(usage.input_tokens, usage.cache_read_input_tokens, usage.cache_creation_input_tokens),
    outputTokens: usage.output_tokens,
    cacheReadTokens: usage.cache_read_input_tokens,
    cacheWriteTokens: usage.cache_creation_input_tokens,
    cacheWrite1hTokens: usage.cache_creation?.ephemeral_1h_input_tokens,
    reasoningTokens: usage.output_tokens_details?.thinking_tokens,
  });
}

/** Chat Completions usage: the whole answer's, or a stream's last chunk with one. */
export function chatCounts(payloads: Json[]): Counts {
  const usage = payloads.findLast((payload) => payload.usage)?.usage as Json | undefined;
  if (!usage) return {};
  const prompt = usage.prompt_tokens_details;
  const completion = usage.completion_tokens_details;
  return said({
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    // DeepSeek's own field for cache hits
    cacheReadTokens: prompt?.cached_tokens ?? usage.prompt_cache_hit_tokens,
    cacheWriteTokens: prompt?.cache_write_tokens,
    inputAudioTokens: prompt?.audio_tokens,
    inputImageTokens: prompt?.image_tokens,
    reasoningTokens: completion?.reasoning_tokens,
    outputAudioTokens: completion?.audio_tokens,
    outputImageTokens: completion?.image_tokens,
  });
}

/** Responses API usage: the whole response's, or the one `response.completed` carries. */
export function responsesCounts(payloads: Json[]): Counts {
  const response =
    payloads.find((payload) => payload.object === 'response') ??
    payloads.findLast((payload) => payload.type === 'response.completed')?.response;
  const usage = response?.usage as Json | undefined;
  if (!usage) return {};
  return said({
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheReadTokens: usage.input_tokens_details?.cached_tokens,
    cacheWriteTokens: usage.input_tokens_details?.cache_write_tokens,
    reasoningTokens: usage.output_tokens_details?.reasoning_tokens,
  });
}

/** The tokens of one modality in Gemini's per-modality lists; undefined when none names it. */
function modality(name: string, ...lists: unknown[]): number | undefined {
  const entries = lists.flatMap((list) => (Array.isArray(list) ? (list as Json[]) : []));
  const found = entries.filter((entry) => entry.modality === name);
  return found.length > 0 ? sum(...found.map((entry) => entry.tokenCount)) : undefined;
}

/** Gemini's usageMetadata (the last chunk's, streamed): thoughts apart from candidates. */
export function geminiCounts(payloads: Json[]): Counts {
  const usage = payloads.findLast((payload) => payload.usageMetadata)?.usageMetadata as Json | undefined;
  if (!usage) return {};
  return said({
    inputTokens: sum(usage.promptTokenCount, usage.toolUsePromptTokenCount),
    outputTokens: sum(usage.candidatesTokenCount, usage.thoughtsTokenCount),
    cacheReadTokens: usage.cachedContentTokenCount,
    reasoningTokens: usage.thoughtsTokenCount,
    inputAudioTokens: modality('AUDIO', usage.promptTokensDetails, usage.toolUsePromptTokensDetails),
    inputImageTokens: modality('IMAGE', usage.promptTokensDetails, usage.toolUsePromptTokensDetails),
    outputAudioTokens: modality('AUDIO', usage.candidatesTokensDetails),
    outputImageTokens: modality('IMAGE', usage.candidatesTokensDetails),
  });
}

/** Bedrock Converse usage (whole, or the `metadata` event): cache reads and writes apart from input. */
export function bedrockCounts(payloads: Json[]): Counts {
  const usage = payloads.findLast((payload) => payload.usage)?.usage as Json | undefined;
  if (!usage) return {};
  const details = usage.cacheDetails as Json[] | undefined;
  return said({
    inputTokens: sum(usage.inputTokens, usage.cacheReadInputTokens, usage.cacheWriteInputTokens),
    outputTokens: usage.outputTokens,
    cacheReadTokens: usage.cacheReadInputTokens,
    cacheWriteTokens: usage.cacheWriteInputTokens,
    cacheWrite1hTokens: details
      ? sum(...details.filter((detail) => detail.ttl === '1h').map((detail) => detail.inputTokens))
      : undefined,
  });
}

export type ClientDialect = 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'gemini-api';

/** What each client dialect's usage has a field for. */
const fields: Record<ClientDialect, UsageCount[]> = {
  'openai-chat': [
    'inputTokens',
    'outputTokens',
    'cacheReadTokens',
    'cacheWriteTokens',
    'reasoningTokens',
    'inputAudioTokens',
    'outputAudioTokens',
  ],
  'openai-responses': [
    'inputTokens',
    'outputTokens',
    'cacheReadTokens',
    'cacheWriteTokens',
    'reasoningTokens',
  ],
  'anthropic-messages': [
    'inputTokens',
    'outputTokens',
    'cacheReadTokens',
    'cacheWriteTokens',
    'cacheWrite1hTokens',
    'reasoningTokens',
  ],
  'gemini-api': [
    'inputTokens',
    'outputTokens',
    'cacheReadTokens',
    'reasoningTokens',
    'inputAudioTokens',
    'inputImageTokens',
    'outputAudioTokens',
    'outputImageTokens',
  ],
};

/**
 * What a client of `dialect` should be told of what an upstream reported: every count its usage
 * has a field for, and nothing else. Responses carries a cache-write count only inside the
 * details object whose cache-read count Codex requires.
 */
export function expressible(dialect: ClientDialect, reported: Counts): Counts {
  const told: Counts = {};
  for (const name of fields[dialect]) if (reported[name] !== undefined) told[name] = reported[name];
  if (dialect === 'openai-responses' && told.cacheReadTokens === undefined) delete told.cacheWriteTokens;
  return told;
}

/** The reader of each client dialect's answers. */
export const clientCounts: Record<ClientDialect, (payloads: Json[]) => Counts> = {
  'openai-chat': chatCounts,
  'openai-responses': responsesCounts,
  'anthropic-messages': anthropicCounts,
  'gemini-api': geminiCounts,
};
