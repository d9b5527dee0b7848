import type Database from 'better-sqlite3';
import {
  dropRollupInsertTriggerSql,
  dropRollupReplaceTriggerSql,
  rollupMigrationSql,
  rollupRebuildSql,
} from './history-rollup-sql.js';

/** One schema change. */
export interface Migration {
  /** Strictly increasing from 1. */
  version: number;
  /** What it adds, recorded in `schema_version`. */
  name: string;
  /** The SQL to run. */
  up: string;
}

/** Versioned schema changes, applied in order, each in its own transaction. Never edit a shipped one. */
export const migrations: Migration[] = [
  {
    version: 1,
    name: 'requests, attempts, client keys',
    up: `
      CREATE TABLE requests (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        client TEXT,
        dialect TEXT NOT NULL,
        requested_model TEXT NOT NULL,
        route TEXT,
        provider TEXT,
        upstream_model TEXT,
        status TEXT NOT NULL CHECK (status IN ('ok', 'error', 'client_closed')),
        http_status INTEGER,
        error_code TEXT,
        stream INTEGER NOT NULL DEFAULT 0,
        ttft_ms REAL,
        latency_ms REAL,
        overhead_ms REAL,
        input_tokens INTEGER,
        output_tokens INTEGER,
        cache_read_tokens INTEGER,
        cache_write_tokens INTEGER,
        reasoning_tokens INTEGER,
        usage_estimated INTEGER NOT NULL DEFAULT 0,
        cost_usd REAL,
        unpriced INTEGER NOT NULL DEFAULT 0,
        cache TEXT NOT NULL DEFAULT 'miss',
        attempt_count INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX requests_created_at ON requests (created_at);
      CREATE INDEX requests_provider_created_at ON requests (provider, created_at);
      CREATE INDEX requests_model_created_at ON requests (requested_model, created_at);
      CREATE INDEX requests_status ON requests (status, created_at);
      CREATE TABLE attempts (
        request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
        attempt_index INTEGER NOT NULL,
        provider TEXT NOT NULL,
        upstream_model TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        status TEXT NOT NULL,
        http_status INTEGER,
        error_code TEXT,
        latency_ms REAL,
        ttft_ms REAL,
        input_tokens INTEGER,
        output_tokens INTEGER,
        cache_read_tokens INTEGER,
        cache_write_tokens INTEGER,
        reasoning_tokens INTEGER,
        cost_usd REAL,
        unpriced INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (request_id, attempt_index)
      );
      CREATE TABLE client_keys (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER,
        revoked_at INTEGER
      );
      CREATE UNIQUE INDEX client_keys_active_name ON client_keys (name) WHERE revoked_at IS NULL;
    `,
  },
  {
    version: 2,
    name: 'stored Responses API conversations (previous_response_id)',
    up: `
      CREATE TABLE responses (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        conversation TEXT NOT NULL
      );
      CREATE INDEX responses_expires_at ON responses (expires_at);
    `,
  },
  {
    version: 3,
    name: 'answer cache, savings, quality gate results',
    up: `
      CREATE TABLE cache_entries (
        key TEXT PRIMARY KEY,
        scope TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        last_hit_at INTEGER NOT NULL,
        hits INTEGER NOT NULL DEFAULT 0,
        size_bytes INTEGER NOT NULL,
        provider TEXT NOT NULL,
        upstream_model TEXT NOT NULL,
        cost_usd REAL,
        answer TEXT NOT NULL,
        prompt_text TEXT,
        vector BLOB,
        semantic_expires_at INTEGER
      );
      CREATE INDEX cache_entries_scope ON cache_entries (scope) WHERE vector IS NOT NULL;
      CREATE INDEX cache_entries_last_hit_at ON cache_entries (last_hit_at);
      CREATE INDEX cache_entries_expires_at ON cache_entries (expires_at);
      ALTER TABLE requests ADD COLUMN saved_usd REAL;
      ALTER TABLE attempts ADD COLUMN gates TEXT;
    `,
  },
  {
    version: 4,
    name: 'daily history rollup for the history page (counts, cost, latency histogram)',
    up: rollupMigrationSql(),
  },
  {
    version: 5,
    name: 'what each attempt changed to fit its target (output limit, reasoning)',
    up: 'ALTER TABLE attempts ADD COLUMN fitted TEXT;',
  },
  {
    version: 6,
    // conversations stored before this have no owner and are found by no key
    name: 'stored responses belong to the client key that made them',
    up: 'ALTER TABLE responses ADD COLUMN owner TEXT;',
  },
  {
    version: 7,
    name: 'where a resumed stream spliced in the attempt that continued it',
    up: 'ALTER TABLE attempts ADD COLUMN resume_offset INTEGER;',
  },
  {
    version: 8,
    // rows written before this have 0 where a count was unknown; they stay as they are
    name: 'token counts by cache lifetime and modality (1 h cache writes, audio, images)',
    up: `
      ALTER TABLE requests ADD COLUMN cache_write_1h_tokens INTEGER;
      ALTER TABLE requests ADD COLUMN input_audio_tokens INTEGER;
      ALTER TABLE requests ADD COLUMN input_image_tokens INTEGER;
      ALTER TABLE requests ADD COLUMN output_audio_tokens INTEGER;
      ALTER TABLE requests ADD COLUMN output_image_tokens INTEGER;
      ALTER TABLE attempts ADD COLUMN cache_write_1h_tokens INTEGER;
      ALTER TABLE attempts ADD COLUMN input_audio_tokens INTEGER;
      ALTER TABLE attempts ADD COLUMN input_image_tokens INTEGER;
      ALTER TABLE attempts ADD COLUMN output_audio_tokens INTEGER;
      ALTER TABLE attempts ADD COLUMN output_image_tokens INTEGER;
    `,
  },
  {
    version: 9,
    // stored redacted (pipeline/to-request-record.ts); rows before this have none
    name: "why an attempt or a request failed, in the upstream's or the relay's words",
    up: 'ALTER TABLE attempts ADD COLUMN error_message TEXT; ALTER TABLE requests ADD COLUMN error_message TEXT;',
  },
  {
    version: 10,
    name: "the daily rollup counts what a cache hit saved (its answer's first cost), not its own $0",
    up: rollupRebuildSql(),
  },
  {
    version: 11,
    name: 'request and answer bodies, when capture is on (history.capture)',
    up: `
      CREATE TABLE captured_bodies (
        request_id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        request TEXT NOT NULL,
        answer TEXT NOT NULL,
        request_bytes INTEGER NOT NULL,
        answer_bytes INTEGER NOT NULL
      );
      CREATE INDEX captured_bodies_created_at ON captured_bodies (created_at);
    `,
  },
  {
    version: 12,
    // the model browser's measures: tries summed per model in one index walk, and percentiles of
    // time to first token read in order rather than sorted (that index: dropped by version 16)
    name: "attempts by model, for the model browser's measured columns",
    up: `
      CREATE INDEX attempts_model_tries ON attempts
        (provider, upstream_model, started_at, status, ttft_ms, latency_ms, output_tokens);
      CREATE INDEX attempts_first_token ON attempts
        (provider, upstream_model, COALESCE(ttft_ms, latency_ms), started_at, ttft_ms, latency_ms)
        WHERE status = 'ok';
    `,
  },
  {
    version: 13,
    name: 'the name of the provider key each attempt and answer used (never the key)',
    up: `
      ALTER TABLE requests ADD COLUMN key_name TEXT;
      ALTER TABLE attempts ADD COLUMN key_name TEXT;
    `,
  },
  {
    version: 14,
    // the batched writer adds each batch to the rollup, one upsert per rollup row
    name: 'the daily rollup is added to per batch, not by a trigger per request',
    up: dropRollupInsertTriggerSql,
  },
  {
    version: 15,
    // a request written again has its earlier row taken out of the rollup by the writer
    name: 'no trigger looks for an earlier row of every request written',
    up: dropRollupReplaceTriggerSql,
  },
  {
    version: 16,
    // each request's attempt went into it at a random place, a page written per request; the
    // model browser sorts the values it reads along attempts_model_tries instead
    name: 'no index orders the attempts by time to first token',
    up: 'DROP INDEX IF EXISTS attempts_first_token;',
  },
];

/** The schema version a database is at: 0 for a new one. */
export function schemaVersion(db: Database.Database): number {
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

/**
 * Applies pending migrations in order and returns the schema version. Each migration runs in its
 * own IMMEDIATE transaction together with its `schema_version` row, so a failing one leaves the
 * database at the previous version, and two processes opening the same file never apply one twice.
 * Refuses a database written by a newer Switchboard rather than guess at its schema.
 */
export function migrate(db: Database.Database, list: readonly Migration[] = migrations): number {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const latest = list.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new Error(
      `the history database is at schema version ${current}, newer than this Switchboard knows (${latest}); update Switchboard or use another SWITCHBOARD_HOME`,
    );
  }
  const record = db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of list) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      // another process may have migrated since we looked
      if (schemaVersion(db) >= migration.version) return;
      db.exec(migration.up);
      record.run(migration.version, migration.name, Date.now());
    }).immediate();
  }
  return latest;
}
