import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { startPostgres, storesRequired } from '../../../test/helpers/team-stores.js';
import type { StoreServer } from '../../../test/helpers/team-stores.js';
import { sqliteHistorySql } from './history-sql.js';
import type { HistorySql } from './history-sql.js';
import type { HistoryStore } from './history-store.js';
import { openDatabase } from './open-database.js';
import { createPostgresHistoryStore, numbered, pgTypes } from './postgres/postgres-history-store.js';
import { createSqliteHistoryStore } from './sqlite-history-store.js';

/** A fresh, empty history for one test, with a way to look at its tables directly. */
export interface OpenedHistory {
  store: HistoryStore;
  /** Plain SQL on the same database (`?` marks on both engines). */
  sql: HistorySql;
  /** The PostgreSQL server, to kill and restart (PostgreSQL only). */
  server?: StoreServer;
  /** The store's connection string (PostgreSQL only), for a second store on the same history. */
  url?: string;
}

/** Rows in a table of an opened history. */
export async function countRows(history: OpenedHistory, table: string): Promise<number> {
  const [row] = await history.sql.all<{ count: number }>(`SELECT COUNT(*) AS count FROM ${table}`);
  return row!.count;
}

/**
 * Declares the same tests twice: on SQLite in memory, and on a private PostgreSQL (a database of
 * its own per test) when SWITCHBOARD_TEST_STORES=1, so both engines meet the same assertions.
 */
export function describeHistoryStores(
  title: string,
  body: (open: () => Promise<OpenedHistory>) => void,
): void {
  describe(`${title} (SQLite)`, () => {
    body(async () => {
      const db = openDatabase(':memory:');
      return { store: createSqliteHistoryStore(db), sql: sqliteHistorySql(db) };
    });
  });
  describe.skipIf(!storesRequired)(`${title} (PostgreSQL)`, () => {
    let server: StoreServer | undefined;
    let databases = 0;
    const opened: Array<() => Promise<void>> = [];
    beforeAll(async () => {
      server = await startPostgres();
    }, 60_000);
    afterEach(async () => {
      for (const close of opened.splice(0)) await close();
    });
    afterAll(async () => {
      await server?.stop();
    });
    body(async () => {
      const admin = new pg.Client({ connectionString: server!.url });
      await admin.connect();
      const name = `history_${++databases}`;
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = server!.url.replace(/\/postgres$/, `/${name}`);
      const store = createPostgresHistoryStore(url);
      const pool = new pg.Pool({ connectionString: url, types: pgTypes, max: 2 });
      pool.on('error', () => undefined);
      opened.push(async () => {
        await store.close();
        await pool.end();
      });
      const query = async (text: string, values: readonly unknown[] = [], rowMode?: 'array') =>
        (await pool.query({ text: numbered(text), values: [...values], ...(rowMode ? { rowMode } : {}) }))
          .rows;
      const sql: HistorySql = {
        engine: 'postgres',
        all: async <T>(text: string, values?: readonly unknown[]) => (await query(text, values)) as T[],
        arrays: async (text, values) => (await query(text, values, 'array')) as unknown[][],
        column: async (text, values) =>
          ((await query(text, values, 'array')) as unknown[][]).map((row) => row[0]),
      };
      // the schema is made on first use; tests look at tables at once
      await store.check();
      return { store, sql, server, url };
    });
  });
}
