import type { AttemptRecord, RequestRecord } from '../store/history-writer.js';
import type { Usage } from '../canonical/types.js';
import type { TokenCounts } from '../store/usage-columns.js';
import type { RequestLog } from './relay-runtime.js';

/**
 * Adds every count a usage has to a record, one history column each; absent counts stay absent.
 * Added after the record is built, not spread into its literal: V8 builds every property after a
 * spread with a slow add. Each count is named (to-request-record.test.ts holds the list to
 * `usageCounts`): most are absent, and an absent property looked up by a computed name is a slow
 * miss each time.
 */
function withUsageColumns<T extends TokenCounts>(record: T, usage: Usage | undefined): T {
  if (!usage) return record;
  if (usage.inputTokens !== undefined) record.inputTokens = usage.inputTokens;
  if (usage.outputTokens !== undefined) record.outputTokens = usage.outputTokens;
  if (usage.cacheReadTokens !== undefined) record.cacheReadTokens = usage.cacheReadTokens;
  if (usage.cacheWriteTokens !== undefined) record.cacheWriteTokens = usage.cacheWriteTokens;
  if (usage.cacheWrite1hTokens !== undefined) record.cacheWrite1hTokens = usage.cacheWrite1hTokens;
  if (usage.reasoningTokens !== undefined) record.reasoningTokens = usage.reasoningTokens;
  if (usage.inputAudioTokens !== undefined) record.inputAudioTokens = usage.inputAudioTokens;
  if (usage.inputImageTokens !== undefined) record.inputImageTokens = usage.inputImageTokens;
  if (usage.outputAudioTokens !== undefined) record.outputAudioTokens = usage.outputAudioTokens;
  if (usage.outputImageTokens !== undefined) record.outputImageTokens = usage.outputImageTokens;
  return record;
}

/**
 * What a request cost in all: the answer, plus every other attempt that was paid for (a hedge's
 * loser, an answer that failed a gate, a stream cut short), the gates' evaluator calls and the
 * prompt's embedding. Null when the answer itself has no price (never a made-up $0).
 */
function totalCost(log: RequestLog): number | null {
  if (log.costUsd === null) return null;
  let total = log.costUsd + (log.sideCostUsd ?? 0);
  for (const attempt of log.attempts) {
    if (attempt !== log.answeredBy) total += attempt.costUsd ?? 0;
    for (const gate of attempt.gates ?? []) total += gate.costUsd ?? 0;
  }
  return total;
}

/** Longest error message kept: an upstream may answer with a whole HTML page. */
const maxMessageLength = 2000;

/** An error message as stored: redacted of secrets, then cut to a readable length. */
function storedMessage(message: string | undefined, redact: (text: string) => string): string | undefined {
  if (message === undefined || message === '') return undefined;
  const safe = redact(message);
  return safe.length > maxMessageLength ? `${safe.slice(0, maxMessageLength)}…` : safe;
}

/**
 * Maps the pipeline's request log to the history table's row shape. `redact` scrubs secrets from
 * the error messages, which may quote what an upstream echoed back.
 */
export function toRequestRecord(log: RequestLog, redact: (text: string) => string): RequestRecord {
  const attempts: AttemptRecord[] = log.attempts.map((attempt, index) =>
    withUsageColumns<AttemptRecord>(
      {
        attemptIndex: index,
        provider: attempt.provider,
        keyName: attempt.keyName,
        upstreamModel: attempt.model,
        startedAt: attempt.startedAt,
        status: attempt.status,
        httpStatus: attempt.httpStatus,
        errorCode: attempt.errorCode,
        errorMessage: storedMessage(attempt.errorMessage, redact),
        latencyMs: attempt.latencyMs,
        ttftMs: attempt.ttftMs,
        costUsd: attempt.costUsd,
        unpriced: attempt.unpriced,
        gates: attempt.gates,
        fitted: attempt.fitted,
        resumeOffset: attempt.resumeOffset,
      },
      attempt.usage,
    ),
  );
  return withUsageColumns<RequestRecord>(
    {
      id: log.id,
      createdAt: log.createdAt,
      client: log.client,
      traceparent: log.traceparent,
      finishReason: log.finishReason,
      dialect: log.dialect,
      requestedModel: log.requestedModel,
      route: log.route,
      provider: log.provider,
      keyName: log.answeredBy?.keyName,
      upstreamModel: log.upstreamModel,
      status: log.status,
      httpStatus: log.httpStatus,
      errorCode: log.errorCode,
      errorMessage: log.status === 'ok' ? undefined : storedMessage(log.errorMessage, redact),
      stream: log.stream,
      ttftMs: log.ttftMs,
      latencyMs: log.latencyMs,
      overheadMs: log.overheadMs,
      usageEstimated: (log.usage?.estimated?.length ?? 0) > 0,
      costUsd: totalCost(log),
      unpriced: log.unpriced,
      cache: log.cache ?? 'miss',
      savedUsd: log.savedUsd,
      attemptCount: log.attempts.length,
      attempts,
    },
    log.usage,
  );
}
