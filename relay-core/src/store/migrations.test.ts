import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, migrations, schemaVersion } from './migrations.js';
import type { Migration } from './migrations.js';
import { historyRecord } from './history-record.fixture.js';
import { createHistoryWriter } from './history-writer.js';
import { openDatabase } from './open-database.js';
import { createSqliteHistoryStore } from './sqlite-history-store.js';

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-migrations-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const tables = (db: Database.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{
      name: string;
    }>
  ).map((row) => row.name);

describe('migrations', () => {
  it('create the schema once; re-running and reopening the file change nothing', () => {
    const path = join(tempDir(), 'nested', 'switchboard.db');
    const db = openDatabase(path);
    const latest = migrations.at(-1)!.version;
    expect(schemaVersion(db)).toBe(latest);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['attempts', 'client_keys', 'requests', 'schema_version']),
    );
    expect(migrate(db)).toBe(latest);
    db.close();
    const reopened = openDatabase(path);
    expect(migrate(reopened)).toBe(latest);
    expect(reopened.prepare('SELECT COUNT(*) AS count FROM schema_version').get()).toEqual({
      count: migrations.length,
    });
    reopened.close();
  });

  it('open the database in WAL mode with foreign keys and a busy timeout', () => {
    const db = openDatabase(join(tempDir(), 'switchboard.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    // synchronous NORMAL is 1
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    db.close();
  });

  it('index the history for its queries', () => {
    const db = openDatabase(':memory:');
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>)
        .map((row) => row.detail)
        .join();
    expect(plan('SELECT * FROM requests ORDER BY created_at DESC LIMIT 10')).toMatch(/USING INDEX/);
    expect(plan("SELECT * FROM requests WHERE provider = 'x' ORDER BY created_at DESC")).toMatch(
      /USING INDEX/,
    );
    expect(plan("SELECT * FROM requests WHERE requested_model = 'x' AND created_at > 0")).toMatch(
      /USING INDEX/,
    );
    expect(plan("SELECT * FROM requests WHERE status = 'error'")).toMatch(/USING INDEX/);
  });

  it('upgrade a rollup kept by a trigger per request to one the writer adds per batch: each request counts once', async () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 13));
    // what version 13 had: every inserted request added to its rollup row by itself
    db.exec(`CREATE TRIGGER requests_rollup_insert AFTER INSERT ON requests BEGIN
      INSERT INTO history_daily (day, client, requested_model, upstream_model, provider, status, cache, requests)
        VALUES (NEW.created_at / 86400000, '', NEW.requested_model, '', '', NEW.status, NEW.cache, 1)
        ON CONFLICT DO UPDATE SET requests = requests + 1;
    END`);
    migrate(db);
    const writer = createHistoryWriter(createSqliteHistoryStore(db));
    writer.record(historyRecord('a', Date.UTC(2026, 11, 7)));
    await writer.flush();
    expect(db.prepare('SELECT SUM(requests) AS requests FROM history_daily').get()).toEqual({ requests: 1 });
  });

  it('apply each migration in one transaction: a failing one leaves the previous version intact', () => {
    const db = new Database(':memory:');
    const list: Migration[] = [
      { version: 1, name: 'one', up: 'CREATE TABLE one (id INTEGER)' },
      { version: 2, name: 'two', up: 'CREATE TABLE two (id INTEGER); INSERT INTO missing VALUES (1);' },
    ];
    expect(() => migrate(db, list)).toThrow(/no such table: missing/);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['one', 'schema_version']);
    list[1] = { version: 2, name: 'two', up: 'CREATE TABLE two (id INTEGER)' };
    expect(migrate(db, list)).toBe(2);
    expect(tables(db)).toEqual(['one', 'schema_version', 'two']);
  });

  it('refuse a database from a newer Switchboard', () => {
    const path = join(tempDir(), 'switchboard.db');
    openDatabase(path).close();
    const raw = new Database(path);
    raw.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (999, ?, 0)').run('future');
    raw.close();
    expect(() => openDatabase(path)).toThrow(/schema version 999, newer than this Switchboard knows/);
  });
});
