import type { ServerResponse } from 'node:http';
import type { CanonicalRequest } from '../canonical/types.js';
import type { DialectCodec } from '../dialects/dialect-codec.js';
import type { RequestLog } from '../pipeline/relay-runtime.js';
import type { CacheLookup } from './answer-cache.js';
import { sendAnswer } from './replay-answer.js';

/**
 * Answers from the cache in the client's dialect (streamed when it asked for a stream) and fills
 * the request log: no attempt, no cost, and what the answer cost when it was bought as saved.
 */
export function serveCachedAnswer(
  codec: DialectCodec,
  request: CanonicalRequest,
  response: ServerResponse,
  lookup: CacheLookup & { hit: NonNullable<CacheLookup['hit']> },
  log: RequestLog,
  /** The response's headers, asked for once the log says what the hit cost. */
  headers: () => Record<string, string | number>,
): void {
  const { hit } = lookup;
  log.cache = lookup.outcome;
  log.provider = hit.provider;
  log.upstreamModel = hit.upstreamModel;
  log.finishReason = hit.answer.finishReason;
  // a rewrite was bought to adapt the answer: it is this request's cost, and not saved
  const rewrite = hit.rewriteCostUsd;
  log.costUsd = rewrite === undefined ? 0 : rewrite;
  log.unpriced = rewrite === null;
  if (hit.costUsd !== null) log.savedUsd = Math.max(0, hit.costUsd - (rewrite ?? 0));
  sendAnswer(codec, request, response, hit.answer, headers);
}
