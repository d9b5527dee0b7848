import type { PoolClient } from 'pg';
import { usageCounts } from '../../canonical/types.js';
import { latencyBuckets } from '../history-rollup-sql.js';
import type { Migration } from '../migrations.js';
import { usageColumns } from '../usage-columns.js';

const tokenColumns = usageCounts.map((name) => `${usageColumns[name]} BIGINT`).join(',\n  ');
const bucketColumns = Array.from(
  { length: latencyBuckets },
  (_, index) => `l${index} BIGINT NOT NULL DEFAULT 0`,
).join(',\n  ');

/**
 * The history's schema on PostgreSQL, versioned apart from SQLite's: its first version is the
 * history as SQLite's version 13 has it. Flags stay 0/1 integers so both engines answer alike;
 * times are unix ms in BIGINT; gates and fitted are jsonb. The daily rollup is kept by the batch
 * writer's upsert rather than by triggers, so a bulk insert is not slowed a row at a time.
 */
export const postgresMigrations: Migration[] = [
  {
    version: 1,
    name: 'requests, attempts and the daily rollup',
    up: `
CREATE TABLE requests (
  id TEXT PRIMARY KEY,
  created_at BIGINT NOT NULL,
  client TEXT,
  dialect TEXT NOT NULL,
  requested_model TEXT NOT NULL,
  route TEXT,
  provider TEXT,
  upstream_model TEXT,
  key_name TEXT,
  status TEXT NOT NULL CHECK (status IN ('ok', 'error', 'client_closed')),
  http_status INTEGER,
  error_code TEXT,
  error_message TEXT,
  stream SMALLINT NOT NULL DEFAULT 0,
  ttft_ms DOUBLE PRECISION,
  latency_ms DOUBLE PRECISION,
  overhead_ms DOUBLE PRECISION,
  ${tokenColumns},
  usage_estimated SMALLINT NOT NULL DEFAULT 0,
  cost_usd DOUBLE PRECISION,
  unpriced SMALLINT NOT NULL DEFAULT 0,
  cache TEXT NOT NULL DEFAULT 'miss',
  saved_usd DOUBLE PRECISION,
  attempt_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX requests_created_at ON requests (created_at);
CREATE INDEX requests_provider_created_at ON requests (provider, created_at);
CREATE INDEX requests_model_created_at ON requests (requested_model, created_at);
CREATE INDEX requests_status ON requests (status, created_at);
CREATE INDEX requests_client_created_at ON requests (client, created_at);
CREATE TABLE attempts (
  request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  attempt_index INTEGER NOT NULL,
  provider TEXT NOT NULL,
  key_name TEXT,
  upstream_model TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  status TEXT NOT NULL,
  http_status INTEGER,
  error_code TEXT,
  error_message TEXT,
  latency_ms DOUBLE PRECISION,
  ttft_ms DOUBLE PRECISION,
  ${tokenColumns},
  cost_usd DOUBLE PRECISION,
  unpriced SMALLINT NOT NULL DEFAULT 0,
  gates JSONB,
  fitted JSONB,
  resume_offset INTEGER,
  PRIMARY KEY (request_id, attempt_index)
);
CREATE INDEX attempts_model_tries ON attempts (provider, upstream_model, started_at)
  INCLUDE (status, ttft_ms, latency_ms, output_tokens);
CREATE INDEX attempts_first_token ON attempts (provider, upstream_model, (COALESCE(ttft_ms, latency_ms)), started_at)
  WHERE status = 'ok';
CREATE TABLE history_daily (
  day BIGINT NOT NULL,
  client TEXT NOT NULL,
  requested_model TEXT NOT NULL,
  upstream_model TEXT NOT NULL,
  provider TEXT NOT NULL,
  status TEXT NOT NULL,
  cache TEXT NOT NULL,
  requests BIGINT NOT NULL DEFAULT 0,
  errors BIGINT NOT NULL DEFAULT 0,
  cost_usd DOUBLE PRECISION NOT NULL DEFAULT 0,
  priced BIGINT NOT NULL DEFAULT 0,
  cache_saved_usd DOUBLE PRECISION NOT NULL DEFAULT 0,
  ${bucketColumns},
  PRIMARY KEY (day, client, requested_model, upstream_model, provider, status, cache)
);
`,
  },
  {
    version: 2,
    // as SQLite's version 16: a random insert per write, for a sort the model browser does itself
    name: 'no index orders the attempts by time to first token',
    up: 'DROP INDEX IF EXISTS attempts_first_token;',
  },
];

// any fixed number: relays sharing one database take turns at migrating it
const migrationLock = 0x5b0a4d;

/**
 * Applies pending migrations in order, in one transaction with their version rows, under an
 * advisory lock so relays starting together never apply one twice. Refuses a database migrated by
 * a newer Switchboard. Returns the schema version.
 */
export async function migratePostgres(
  client: PoolClient,
  list: readonly Migration[] = postgresMigrations,
): Promise<number> {
  const latest = list.at(-1)?.version ?? 0;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS switchboard_schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
    );
    const { rows } = await client.query<{ version: number | null }>(
      'SELECT MAX(version) AS version FROM switchboard_schema_version',
    );
    const current = rows[0]?.version ?? 0;
    if (current > latest) {
      throw new Error(
        `the history database is at schema version ${current}, newer than this Switchboard knows (${latest}); update Switchboard`,
      );
    }
    for (const migration of list) {
      if (migration.version <= current) continue;
      await client.query(migration.up);
      await client.query(
        'INSERT INTO switchboard_schema_version (version, name, applied_at) VALUES ($1, $2, $3)',
        [migration.version, migration.name, Date.now()],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return latest;
}
