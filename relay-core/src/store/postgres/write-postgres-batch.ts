import type { PoolClient } from 'pg';
import { usageCounts } from '../../canonical/types.js';
import { rollupColumns, rollupDimensions } from '../history-rollup-sql.js';
import { lastOfEachId, rollupChanges, rollupRowOf } from '../rollup-changes.js';
import type { RollupRow } from '../rollup-changes.js';
import type { RequestRecord } from '../history-records.js';
import { orNull, usageColumns } from '../usage-columns.js';

type Column<T> = [name: string, type: string, value: (row: T) => unknown];

const flag = (value: boolean) => (value ? 1 : 0);
const json = (value: unknown[] | undefined) => (value && value.length > 0 ? JSON.stringify(value) : null);

const requestColumns: Array<Column<RequestRecord>> = [
  ['id', 'text', (r) => r.id],
  ['created_at', 'int8', (r) => r.createdAt],
  ['client', 'text', (r) => orNull(r.client)],
  ['dialect', 'text', (r) => r.dialect],
  ['requested_model', 'text', (r) => r.requestedModel],
  ['route', 'text', (r) => orNull(r.route)],
  ['provider', 'text', (r) => orNull(r.provider)],
  ['upstream_model', 'text', (r) => orNull(r.upstreamModel)],
  ['key_name', 'text', (r) => orNull(r.keyName)],
  ['status', 'text', (r) => r.status],
  ['http_status', 'int4', (r) => orNull(r.httpStatus)],
  ['error_code', 'text', (r) => orNull(r.errorCode)],
  ['error_message', 'text', (r) => orNull(r.errorMessage)],
  ['stream', 'int2', (r) => flag(r.stream)],
  ['ttft_ms', 'float8', (r) => orNull(r.ttftMs)],
  ['latency_ms', 'float8', (r) => orNull(r.latencyMs)],
  ['overhead_ms', 'float8', (r) => orNull(r.overheadMs)],
  ...usageCounts.map((name): Column<RequestRecord> => [usageColumns[name], 'int8', (r) => orNull(r[name])]),
  ['usage_estimated', 'int2', (r) => flag(r.usageEstimated)],
  // an unpriced request stays NULL even if a caller passed 0
  ['cost_usd', 'float8', (r) => (r.unpriced ? null : r.costUsd)],
  ['unpriced', 'int2', (r) => flag(r.unpriced)],
  ['cache', 'text', (r) => r.cache],
  ['saved_usd', 'float8', (r) => orNull(r.savedUsd)],
  ['attempt_count', 'int4', (r) => r.attemptCount],
];

type AttemptOf = RequestRecord['attempts'][number] & { requestId: string };
const attemptColumns: Array<Column<AttemptOf>> = [
  ['request_id', 'text', (a) => a.requestId],
  ['attempt_index', 'int4', (a) => a.attemptIndex],
  ['provider', 'text', (a) => a.provider],
  ['key_name', 'text', (a) => orNull(a.keyName)],
  ['upstream_model', 'text', (a) => a.upstreamModel],
  ['started_at', 'int8', (a) => a.startedAt],
  ['status', 'text', (a) => a.status],
  ['http_status', 'int4', (a) => orNull(a.httpStatus)],
  ['error_code', 'text', (a) => orNull(a.errorCode)],
  ['error_message', 'text', (a) => orNull(a.errorMessage)],
  ['latency_ms', 'float8', (a) => orNull(a.latencyMs)],
  ['ttft_ms', 'float8', (a) => orNull(a.ttftMs)],
  ...usageCounts.map((name): Column<AttemptOf> => [usageColumns[name], 'int8', (a) => orNull(a[name])]),
  ['cost_usd', 'float8', (a) => (a.unpriced ? null : a.costUsd)],
  ['unpriced', 'int2', (a) => flag(a.unpriced)],
  ['gates', 'jsonb', (a) => json(a.gates)],
  ['fitted', 'jsonb', (a) => json(a.fitted)],
  ['resume_offset', 'int4', (a) => orNull(a.resumeOffset)],
];

/** One INSERT of many rows: a column of values per parameter, unnested, so the parameter count never grows. */
async function insertRows<T>(
  client: PoolClient,
  table: string,
  columns: Array<Column<T>>,
  rows: readonly T[],
) {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => name).join(', ');
  const arrays = columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ');
  await client.query(
    `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})`,
    columns.map(([, , value]) => rows.map(value)),
  );
}

const rollupTypes = [
  'int8',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'int8',
  'int8',
  'float8',
  'int8',
  'float8',
];

async function upsertRollup(client: PoolClient, changes: unknown[][]): Promise<void> {
  if (changes.length === 0) return;
  const arrays = rollupColumns
    .map((_, index) => `$${index + 1}::${rollupTypes[index] ?? 'int8'}[]`)
    .join(', ');
  const update = rollupColumns
    .slice(rollupDimensions.length)
    .map((column) => `${column} = history_daily.${column} + excluded.${column}`)
    .join(', ');
  await client.query(
    `INSERT INTO history_daily (${rollupColumns.join(', ')}) SELECT * FROM unnest(${arrays})
      ON CONFLICT (${rollupDimensions.join(', ')}) DO UPDATE SET ${update}`,
    rollupColumns.map((_, index) => changes.map((change) => change[index])),
  );
}

/**
 * Writes a batch in one transaction: requests and attempts as one multi-row INSERT each, and the
 * daily rollup by upsert. A request id written again replaces its row (its old row comes out of
 * the rollup first); within a batch the last record of an id wins.
 */
export async function writePostgresBatch(client: PoolClient, batch: readonly RequestRecord[]): Promise<void> {
  const records = lastOfEachId(batch);
  await client.query('BEGIN');
  try {
    const { rows: removed } = await client.query<RollupRow>(
      `DELETE FROM requests WHERE id = ANY($1::text[])
        RETURNING created_at, client, requested_model, upstream_model, provider, status, cache, latency_ms, cost_usd, saved_usd`,
      [records.map((record) => record.id)],
    );
    await insertRows(client, 'requests', requestColumns, records);
    await insertRows(
      client,
      'attempts',
      attemptColumns,
      records.flatMap((record) => record.attempts.map((attempt) => ({ ...attempt, requestId: record.id }))),
    );
    await upsertRollup(client, rollupChanges(records.map(rollupRowOf), removed));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
