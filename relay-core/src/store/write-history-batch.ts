import type Database from 'better-sqlite3';
import { usageCounts } from '../canonical/types.js';
import type { AttemptRecord, RequestRecord } from './history-records.js';
import { rollupSubtractSql, rollupUpsertSql } from './history-rollup-sql.js';
import { lastOfEachId, rollupChanges, rollupRowOf } from './rollup-changes.js';
import { orNull, usageColumns } from './usage-columns.js';
import type { TokenCounts } from './usage-columns.js';

/** The token count columns, in the order `pushCounts` gives their values. */
const countColumns = usageCounts.map((name) => usageColumns[name]).join(', ');
const countMarks = usageCounts.map(() => '?').join(', ');

/**
 * Appends the token counts' values to a row, in `usageCounts`' order as `countColumns` names them
 * (history-writer.test.ts holds the two alike). Named, not looked up by name: most counts
 * are absent, and looking an absent property up by a computed name costs more than the row.
 */
function pushCounts(row: unknown[], c: TokenCounts): void {
  row.push(
    orNull(c.inputTokens),
    orNull(c.outputTokens),
    orNull(c.cacheReadTokens),
    orNull(c.cacheWriteTokens),
    orNull(c.cacheWrite1hTokens),
    orNull(c.reasoningTokens),
    orNull(c.inputAudioTokens),
    orNull(c.inputImageTokens),
    orNull(c.outputAudioTokens),
    orNull(c.outputImageTokens),
  );
}

const requestColumns = `(id, created_at, client, dialect,
    requested_model, route, provider, upstream_model, status, http_status, error_code, stream, ttft_ms,
    latency_ms, overhead_ms, ${countColumns}, usage_estimated, cost_usd, unpriced, cache, attempt_count,
    saved_usd, error_message, key_name)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${countMarks}, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * The statements that write a batch: per request its row (`newRequest`; when the id was there,
 * `rollupSubtract`, `request` and `deleteAttempts` write it again), each attempt's row; then the
 * batch's daily rollup changes, one upsert per rollup row.
 */
export const historySql = {
  newRequest: `INSERT INTO requests ${requestColumns} ON CONFLICT (id) DO NOTHING`,
  request: `INSERT OR REPLACE INTO requests ${requestColumns}`,
  rollupSubtract: rollupSubtractSql,
  deleteAttempts: 'DELETE FROM attempts WHERE request_id = ?',
  attempt: `INSERT INTO attempts (request_id, attempt_index, provider,
    upstream_model, started_at, status, http_status, error_code, latency_ms, ttft_ms, ${countColumns},
    cost_usd, unpriced, gates, fitted, resume_offset, error_message, key_name)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${countMarks}, ?, ?, ?, ?, ?, ?, ?)`,
  rollup: rollupUpsertSql,
} as const;

/** The values bound to one request's statements: the request row's, then each attempt row's. */
export type HistoryRow = [request: unknown[], attempts: unknown[][]];

function attemptValues(id: string, a: AttemptRecord): unknown[] {
  const row: unknown[] = [
    id,
    a.attemptIndex,
    a.provider,
    a.upstreamModel,
    a.startedAt,
    a.status,
    orNull(a.httpStatus),
    orNull(a.errorCode),
    orNull(a.latencyMs),
    orNull(a.ttftMs),
  ];
  pushCounts(row, a);
  row.push(
    a.unpriced ? null : a.costUsd,
    a.unpriced ? 1 : 0,
    a.gates && a.gates.length > 0 ? JSON.stringify(a.gates) : null,
    a.fitted && a.fitted.length > 0 ? JSON.stringify(a.fitted) : null,
    orNull(a.resumeOffset),
    orNull(a.errorMessage),
    orNull(a.keyName),
  );
  return row;
}

/** A request record as the values `historySql` binds (plain arrays: cheap to send to a thread). */
export function toHistoryRow(r: RequestRecord): HistoryRow {
  const request: unknown[] = [
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
  ];
  pushCounts(request, r);
  request.push(
    r.usageEstimated ? 1 : 0,
    // an unpriced request stays NULL even if a caller passed 0
    r.unpriced ? null : r.costUsd,
    r.unpriced ? 1 : 0,
    r.cache,
    r.attemptCount,
    orNull(r.savedUsd),
    orNull(r.errorMessage),
    orNull(r.keyName),
  );
  const attempts: unknown[][] = [];
  for (const attempt of r.attempts) attempts.push(attemptValues(r.id, attempt));
  return [request, attempts];
}

/** A batch as `historySql` binds it: each request's values, and the rollup's changes. */
export interface HistoryBatch {
  rows: HistoryRow[];
  rollup: unknown[][];
}

/**
 * A batch of records as the values `historySql` binds. The rollup is added once per rollup row
 * rather than by a trigger per request; within a batch the last record of an id wins, and the
 * writer takes out the row an id had before.
 */
export function toHistoryBatch(batch: readonly RequestRecord[]): HistoryBatch {
  const records = lastOfEachId(batch);
  return { rows: records.map(toHistoryRow), rollup: rollupChanges(records.map(rollupRowOf), []) };
}

/**
 * Prepares the history statements once and returns a function that writes a batch of requests,
 * their attempts and the rollup in one transaction: all of the batch or none of it. Writing a
 * request id again replaces its row and attempts.
 */
export function createBatchWrite(db: Database.Database): (batch: readonly RequestRecord[]) => void {
  const insertNew = db.prepare(historySql.newRequest);
  const subtractRollup = db.prepare(historySql.rollupSubtract);
  const insertRequest = db.prepare(historySql.request);
  const deleteAttempts = db.prepare(historySql.deleteAttempts);
  const insertAttempt = db.prepare(historySql.attempt);
  const upsertRollup = db.prepare(historySql.rollup);

  const write = db.transaction(({ rows, rollup }: HistoryBatch) => {
    for (const [request, attempts] of rows) {
      if (insertNew.run(...request).changes === 0) {
        // written again: the earlier row leaves the rollup, and REPLACE does not cascade to
        // attempts unless recursive triggers are on
        subtractRollup.run(request[0]);
        insertRequest.run(...request);
        deleteAttempts.run(request[0]);
      }
      for (const attempt of attempts) insertAttempt.run(...attempt);
    }
    for (const change of rollup) upsertRollup.run(...change);
  });
  return (batch) => write(toHistoryBatch(batch));
}
