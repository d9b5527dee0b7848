import type { CacheOutcome } from '../store/history-records.js';

/** What a response's `x-relay-*` headers say; a field left out leaves its header out. */
export interface RelayHeaderFields {
  requestId: string;
  /** The provider that answered (`x-relay-provider`). */
  provider?: string;
  /** The model that answered, as the upstream named it (`x-relay-model`). */
  model?: string;
  /** Upstream tries made for the request (`x-relay-attempts`; 0 for a cache hit). */
  attempts?: number;
  /** What the answer cost in dollars (`x-relay-cost-usd`); null: unpriced. */
  costUsd?: number | null;
  /** Time spent in the relay itself, excluding upstream waits (`x-relay-overhead-ms`). */
  overheadMs?: number;
  cache?: CacheOutcome;
  /** A semantic hit's similarity to the question it was cached for. */
  cacheSimilarity?: number;
  /** The route's quality gates' verdict. */
  gates?: string;
  /** Whether a token count came from the provider or the relay's estimate. */
  tokenCount?: 'exact' | 'estimated';
}

/** `x-relay-overhead-ms`: milliseconds to the microsecond. */
function formatMs(ms: number): string {
  return ms.toFixed(3);
}

/** `x-relay-cost-usd`: dollars in plain decimals without trailing zeros (never `1e-7`), or `unpriced`. */
function formatCost(cost: number | null): string {
  if (cost === null) return 'unpriced';
  // trailing zeros, then a bare point, cut by hand: a regular expression here cost each answer more
  const fixed = cost.toFixed(10);
  let end = fixed.length;
  while (end > 0 && fixed.charCodeAt(end - 1) === 0x30) end--;
  if (end > 0 && fixed.charCodeAt(end - 1) === 0x2e) end--;
  return end === 0 ? '0' : fixed.slice(0, end);
}

/**
 * The relay's own response headers: the one place that names and formats them, for answers,
 * streams, cache hits, embeddings, counts and errors alike.
 */
export function relayHeaders(fields: RelayHeaderFields): Record<string, string | number> {
  const headers: Record<string, string | number> = { 'x-relay-request-id': fields.requestId };
  if (fields.cache !== undefined) headers['x-relay-cache'] = fields.cache;
  if (fields.cacheSimilarity !== undefined)
    headers['x-relay-cache-similarity'] = fields.cacheSimilarity.toFixed(4);
  if (fields.gates !== undefined) headers['x-relay-gates'] = fields.gates;
  if (fields.provider !== undefined) headers['x-relay-provider'] = fields.provider;
  if (fields.model !== undefined) headers['x-relay-model'] = fields.model;
  if (fields.attempts !== undefined) headers['x-relay-attempts'] = fields.attempts;
  if (fields.costUsd !== undefined) headers['x-relay-cost-usd'] = formatCost(fields.costUsd);
  if (fields.overheadMs !== undefined) headers['x-relay-overhead-ms'] = formatMs(fields.overheadMs);
  if (fields.tokenCount !== undefined) headers['x-relay-token-count'] = fields.tokenCount;
  return headers;
}
