import type Database from 'better-sqlite3';
import type { RequestRecord } from './history-records.js';

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/**
 * Prepares the history inserts once and returns a function that writes a batch of requests and
 * their attempts in one transaction: all of the batch or none of it. Writing a request id again
 * replaces its row and attempts.
 */
export function createBatchWrite(db: Database.Database): (batch: readonly RequestRecord[]) => void {
  const insertRequest = db.prepare(`INSERT OR REPLACE INTO requests (id, created_at, client, dialect,
    requested_model, route, provider, upstream_model, status, http_status, error_code, stream, ttft_ms,
    latency_ms, overhead_ms, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
    reasoning_tokens, usage_estimated, cost_usd, unpriced, cache, attempt_count, saved_usd, error_message)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const deleteAttempts = db.prepare('DELETE FROM attempts WHERE request_id = ?');
  const insertAttempt = db.prepare(`INSERT INTO attempts (request_id, attempt_index, provider,
    upstream_model, started_at, status, http_status, error_code, latency_ms, ttft_ms, input_tokens,
    output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd, unpriced, gates,
    fitted, error_message)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

  return db.transaction((batch: readonly RequestRecord[]) => {
    for (const r of batch) {
      insertRequest.run(
        r.id,
        r.createdAt,
        orNull(r.client),
        r.dialect,
        r.requestedModel,
        orNull(r.route),
        orNull(r.provider),
        orNull(r.upstreamModel),
        r.status,
        orNull(r.httpStatus),
        orNull(r.errorCode),
        r.stream ? 1 : 0,
        orNull(r.ttftMs),
        orNull(r.latencyMs),
        orNull(r.overheadMs),
        orNull(r.inputTokens),
        orNull(r.outputTokens),
        orNull(r.cacheReadTokens),
        orNull(r.cacheWriteTokens),
        orNull(r.reasoningTokens),
        r.usageEstimated ? 1 : 0,
        // an unpriced request stays NULL even if a caller passed 0
        r.unpriced ? null : r.costUsd,
        r.unpriced ? 1 : 0,
        r.cache,
        r.attemptCount,
        orNull(r.savedUsd),
        orNull(r.errorMessage),
      );
      // REPLACE does not cascade to attempts unless recursive triggers are on
      deleteAttempts.run(r.id);
      for (const a of r.attempts) {
        insertAttempt.run(
          r.id,
          a.attemptIndex,
          a.provider,
          a.upstreamModel,
          a.startedAt,
          a.status,
          orNull(a.httpStatus),
          orNull(a.errorCode),
          orNull(a.latencyMs),
          orNull(a.ttftMs),
          orNull(a.inputTokens),
          orNull(a.outputTokens),
          orNull(a.cacheReadTokens),
          orNull(a.cacheWriteTokens),
          orNull(a.reasoningTokens),
          a.unpriced ? null : a.costUsd,
          a.unpriced ? 1 : 0,
          a.gates && a.gates.length > 0 ? JSON.stringify(a.gates) : null,
          a.fitted && a.fitted.length > 0 ? JSON.stringify(a.fitted) : null,
          orNull(a.errorMessage),
        );
      }
    }
  });
}
