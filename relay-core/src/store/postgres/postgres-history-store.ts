import pg from 'pg';
import type { PoolClient } from 'pg';
import { createHistoryReads } from '../history-reads.js';
import type { HistorySql } from '../history-sql.js';
import type { HistoryStore } from '../history-store.js';
import { migratePostgres } from './postgres-migrations.js';
import { writePostgresBatch } from './write-postgres-batch.js';

const int8 = 20;
const numeric = 1700;
const undefinedTable = '42P01';

// counts and sums come back as BIGINT or NUMERIC, which pg gives as strings; the history's are far
// below 2^53, so they are read as numbers, as SQLite gives them
export const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === int8 || oid === numeric
      ? Number
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** `?` marks to PostgreSQL's `$1, $2, …` (the history's SQL has no `?` in its literals). */
export function numbered(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint): the record, not the server. */
const isRecordError = (error: unknown) =>
  /^2[23]/.test(String((error as { code?: unknown } | null)?.code ?? ''));

/** Options of createPostgresHistoryStore. */
export interface PostgresHistoryOptions {
  /** Connections at most (default 10). */
  maxConnections?: number;
  /** Told when an idle connection breaks (the server went away); the pool replaces it. */
  onError?: (error: Error) => void;
}

/**
 * The history on PostgreSQL through a `pg` Pool: the same reads as SQLite's, batches written in
 * one transaction each. The schema is migrated on first use and again after a failure, so a
 * relay starts while the database is away and the writer's spool waits for it.
 */
export function createPostgresHistoryStore(url: string, options: PostgresHistoryOptions = {}): HistoryStore {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 5000,
    // a server that stops answering (not refusing) must not hold the writer, or the relay's close, for good
    query_timeout: 60_000,
    types: pgTypes,
  });
  // without a listener a broken idle connection would end the process
  pool.on('error', (error) => options.onError?.(error));
  let migrated: Promise<unknown> | undefined;

  async function withClient<T>(use: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    // the pool listens for errors only on idle connections: a server that goes away while this one
    // is held between queries would otherwise raise an unhandled 'error' and end the process
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      migrated ??= migratePostgres(client).catch((error: unknown) => {
        migrated = undefined;
        throw error;
      });
      await migrated;
      return await use(client);
    } catch (error) {
      // a connection that failed mid-query is not handed out again
      if (!isRecordError(error)) broken ??= error instanceof Error ? error : new Error(String(error));
      // the tables are gone (a database dropped and made again, a restore): make them again on next use
      if ((error as { code?: unknown } | null)?.code === undefinedTable) migrated = undefined;
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  const sql: HistorySql = {
    engine: 'postgres',
    all: <T>(text: string, values: readonly unknown[] = []) =>
      withClient(async (client) => (await client.query(numbered(text), [...values])).rows as T[]),
    arrays: (text, values = []) =>
      withClient(
        async (client) =>
          (await client.query({ text: numbered(text), values: [...values], rowMode: 'array' })).rows,
      ),
    column: (text, values = []) =>
      withClient(async (client) =>
        (
          await client.query<unknown[]>({ text: numbered(text), values: [...values], rowMode: 'array' })
        ).rows.map((row) => row[0]),
      ),
  };

  return {
    engine: 'postgres',
    ...createHistoryReads(sql),
    writeBatch: (batch) => withClient((client) => writePostgresBatch(client, batch)),
    rejects: isRecordError,
    check: async () => {
      await sql.all('SELECT 1');
    },
    close: () => pool.end(),
  };
}
