import { createHash } from 'node:crypto';
import type { CanonicalRequest } from '../canonical/types.js';

/**
 * JSON with object keys sorted, so two equal requests always serialise to the same text. `skip`:
 * keys left out at any depth.
 */
export function stableStringify(value: unknown, skip?: ReadonlySet<string>): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((inner) => stableStringify(inner, skip)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([key, inner]) => inner !== undefined && !skip?.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${stableStringify(inner, skip)}`).join(',')}}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A message, part or tool as its client or upstream wrote it (kept for an upstream of that
 * dialect): the same question asked in another dialect has the same answer.
 */
const wireShapes = new Set(['responsesItem', 'chatMessage', 'responsesTool', 'chatTool']);

/**
 * The exact cache key: what decides the answer (model or route, messages, tools, sampling
 * parameters, response format) and nothing that only shapes its delivery (stream, usage
 * reporting, the dialect, user ids), so a streamed Anthropic request hits an answer first bought
 * through Chat Completions. `partition` keeps one client key's answers from another's.
 */
export function exactCacheKey(request: CanonicalRequest, partition?: string): string {
  return sha256(
    stableStringify(
      {
        partition,
        model: request.model,
        messages: request.messages,
        tools: request.tools,
        toolChoice: request.toolChoice,
        parallelToolCalls: request.parallelToolCalls,
        maxOutputTokens: request.maxOutputTokens,
        temperature: request.temperature,
        topP: request.topP,
        topK: request.topK,
        stop: request.stop,
        seed: request.seed,
        responseFormat: request.responseFormat,
        reasoning: request.reasoning,
        passthrough: request.passthrough,
        unmodeled: request.unmodeled,
        unmodeledContent: request.unmodeledContent,
        geminiUnmodeled: request.geminiUnmodeled,
      },
      wireShapes,
    ),
  );
}

/** Temperature 0 or a seed: asking again should give the same answer, so a cached one is as good. */
export function isDeterministic(request: CanonicalRequest): boolean {
  return request.temperature === 0 || request.seed !== undefined;
}
