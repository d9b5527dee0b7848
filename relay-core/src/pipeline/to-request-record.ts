import type { AttemptRecord, RequestRecord } from '../store/history-writer.js';
import type { Usage } from '../canonical/types.js';
import type { RequestLog } from './relay-runtime.js';

function usageColumns(usage: Usage | undefined) {
  return {
    inputTokens: usage?.inputTokens,
    outputTokens: usage?.outputTokens,
    cacheReadTokens: usage?.cacheReadTokens,
    cacheWriteTokens: usage?.cacheWriteTokens,
    reasoningTokens: usage?.reasoningTokens,
  };
}

/** Maps the pipeline's request log to the history table's row shape. */
export function toRequestRecord(log: RequestLog): RequestRecord {
  const attempts: AttemptRecord[] = log.attempts.map((attempt, index) => ({
    attemptIndex: index,
    provider: attempt.provider,
    upstreamModel: attempt.model,
    startedAt: attempt.startedAt,
    status: attempt.status,
    httpStatus: attempt.httpStatus,
    errorCode: attempt.errorCode,
    latencyMs: attempt.latencyMs,
    ttftMs: attempt.ttftMs,
    ...usageColumns(attempt.usage),
    costUsd: attempt.costUsd,
    unpriced: attempt.unpriced,
    gates: attempt.gates,
  }));
  return {
    id: log.id,
    createdAt: log.createdAt,
    client: log.client,
    dialect: log.dialect,
    requestedModel: log.requestedModel,
    route: log.route,
    provider: log.provider,
    upstreamModel: log.upstreamModel,
    status: log.status,
    httpStatus: log.httpStatus,
    errorCode: log.errorCode,
    stream: log.stream,
    ttftMs: log.ttftMs,
    latencyMs: log.latencyMs,
    overheadMs: log.overheadMs,
    ...usageColumns(log.usage),
    usageEstimated: log.usage?.estimated ?? false,
    costUsd: log.costUsd,
    unpriced: log.unpriced,
    cache: log.cache ?? 'miss',
    savedUsd: log.savedUsd,
    attemptCount: log.attempts.length,
    attempts,
  };
}
