/**
 * SQL of the daily rollup the history page reads instead of scanning every request: one row per
 * UTC day and (client, requested model, upstream model, provider, status, cache), with counts,
 * cost and a latency histogram. The batched writer adds each batch's requests, summed per rollup
 * row (rollup-changes.ts, as on PostgreSQL), and takes out the row a request had before when it
 * writes the request again; a trigger on `requests` takes out a row that is deleted.
 */

/** Milliseconds per rollup day (UTC). */
export const rollupDayMs = 86_400_000;

/** Latency histogram: 3 buckets per doubling from 1 ms, 60 buckets (the last holds ≥ ~17 min). */
export const latencyBuckets = 60;
export const bucketsPerDoubling = 3;

/** The rollup's key columns, in the order rollup-changes.ts gives a change's key. */
export const rollupDimensions = [
  'day',
  'client',
  'requested_model',
  'upstream_model',
  'provider',
  'status',
  'cache',
] as const;
const bucketColumns = Array.from({ length: latencyBuckets }, (_, index) => `l${index}`);

/** The bucket of a latency expression, or -1 when it is NULL. */
export function bucketSql(latency: string): string {
  return `CASE WHEN ${latency} IS NULL THEN -1 ELSE MIN(${latencyBuckets - 1}, MAX(0, CAST(floor(log2(MAX(${latency}, 1)) * ${bucketsPerDoubling}) AS INTEGER))) END`;
}

/** The rollup key of a request row (`row` is NEW, OLD or a table alias). */
function keyOf(row: string): string[] {
  return [
    `${row}.created_at / ${rollupDayMs}`,
    `COALESCE(${row}.client, '')`,
    `${row}.requested_model`,
    `COALESCE(${row}.upstream_model, '')`,
    `COALESCE(${row}.provider, '')`,
    `${row}.status`,
    `${row}.cache`,
  ];
}

/** Measures of one request row, in the order of the measure columns. */
function measuresOf(row: string): string[] {
  return [
    '1',
    `${row}.status = 'error'`,
    `COALESCE(${row}.cost_usd, 0)`,
    `${row}.cost_usd IS NOT NULL`,
    // what a hit saved is what its answer cost when bought (saved_usd); the hit itself costs nothing
    `CASE WHEN ${row}.cache LIKE 'hit%' THEN COALESCE(${row}.saved_usd, 0) ELSE 0 END`,
  ];
}
/** The rollup's measure columns, after the key in a change; the latency buckets follow them. */
export const rollupMeasures = ['requests', 'errors', 'cost_usd', 'priced', 'cache_saved_usd'] as const;

/** Every column of the rollup, in the order of a change (rollup-changes.ts). */
export const rollupColumns: readonly string[] = [...rollupDimensions, ...rollupMeasures, ...bucketColumns];

/** Subtracts one request row (`row`) from the rollup. */
function subtract(row: string): string {
  const bucket = bucketSql(`${row}.latency_ms`);
  const measures = measuresOf(row);
  const set = [
    ...rollupMeasures.map((column, index) => `${column} = history_daily.${column} - (${measures[index]})`),
    ...bucketColumns.map((column, index) => `${column} = history_daily.${column} - ((${bucket}) = ${index})`),
  ].join(', ');
  const key = keyOf(row);
  const where = rollupDimensions
    .map((column, index) => `history_daily.${column} = ${key[index]}`)
    .join(' AND ');
  return `UPDATE history_daily SET ${set} WHERE ${where}`;
}

/** The rollup's columns and the statements that fill it from `requests` and keep it current. */
function rollupParts() {
  const columns = rollupColumns.join(', ');
  const onConflict = [...rollupMeasures, ...bucketColumns]
    .map((column) => `${column} = history_daily.${column} + excluded.${column}`)
    .join(', ');
  const rKey = keyOf('r');
  const backfill = [
    ...rKey,
    ...measuresOf('r').map((measure) => `SUM(${measure})`),
    ...bucketColumns.map((_, index) => `SUM((${bucketSql('r.latency_ms')}) = ${index})`),
  ].join(', ');
  return {
    // one rollup change (rollup-changes.ts) added to its row
    upsert: `INSERT INTO history_daily (${columns}) VALUES (${columns
      .split(', ')
      .map(() => '?')
      .join(', ')})
      ON CONFLICT (${rollupDimensions.join(', ')}) DO UPDATE SET ${onConflict}`,
    fill: `INSERT INTO history_daily (${columns})
      SELECT ${backfill} FROM requests AS r GROUP BY ${rKey.join(', ')};`,
    // the row a request id has now, taken out before the request is written again
    subtractById: subtract('old_row').replace(
      'WHERE',
      'FROM (SELECT * FROM requests WHERE id = ?) AS old_row WHERE',
    ),
    triggers: `
    CREATE TRIGGER requests_rollup_delete AFTER DELETE ON requests
    BEGIN
      ${subtract('OLD')};
    END;`,
  };
}

/** The migration that adds the rollup, fills it from the existing history and installs the triggers. */
export function rollupMigrationSql(): string {
  const { fill, triggers } = rollupParts();
  return `
    CREATE TABLE history_daily (
      day INTEGER NOT NULL,
      client TEXT NOT NULL,
      requested_model TEXT NOT NULL,
      upstream_model TEXT NOT NULL,
      provider TEXT NOT NULL,
      status TEXT NOT NULL,
      cache TEXT NOT NULL,
      requests INTEGER NOT NULL DEFAULT 0,
      errors INTEGER NOT NULL DEFAULT 0,
      cost_usd REAL NOT NULL DEFAULT 0,
      priced INTEGER NOT NULL DEFAULT 0,
      cache_saved_usd REAL NOT NULL DEFAULT 0,
      ${bucketColumns.map((column) => `${column} INTEGER NOT NULL DEFAULT 0`).join(',\n      ')},
      PRIMARY KEY (${rollupDimensions.join(', ')})
    ) WITHOUT ROWID;
    ${fill}
    ${triggers}
  `;
}

/**
 * Refills the rollup from the requests and installs the current triggers: for a database whose
 * rollup counted a cache hit's saving as its own cost (always $0).
 */
export function rollupRebuildSql(): string {
  const { fill, triggers } = rollupParts();
  return `
    DROP TRIGGER IF EXISTS requests_rollup_replace;
    DROP TRIGGER IF EXISTS requests_rollup_insert;
    DROP TRIGGER IF EXISTS requests_rollup_delete;
    DELETE FROM history_daily;
    ${fill}
    ${triggers}
  `;
}

/** Adds one change of rollupChanges (rollup-changes.ts) to its rollup row, on SQLite. */
export const rollupUpsertSql = rollupParts().upsert;

/** Takes the request row of an id (the one bound) out of its rollup row, on SQLite. */
export const rollupSubtractSql = rollupParts().subtractById;

/**
 * Takes out the trigger that checked every request written for an earlier row of its id (a lookup
 * and a trigger program per request): the writer inserts a request, and only when its id was
 * there takes the earlier row out of the rollup and writes it again.
 */
export const dropRollupReplaceTriggerSql = 'DROP TRIGGER IF EXISTS requests_rollup_replace;';

/** Takes out the trigger that added each request on its own: the writer adds whole batches. */
export const dropRollupInsertTriggerSql = 'DROP TRIGGER IF EXISTS requests_rollup_insert;';
