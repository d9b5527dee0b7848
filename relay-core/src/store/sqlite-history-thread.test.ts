import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createHistoryWriter } from './history-writer.js';
import type { HistoryWriteFailure, HistoryWriterOptions, RequestRecord } from './history-writer.js';
import { historyRecord } from './history-record.fixture.js';
import { openDatabase } from './open-database.js';
import { createSqliteHistoryStore } from './sqlite-history-store.js';
import { startSqliteHistoryThread } from './sqlite-history-thread.js';
import type { SqliteHistoryThreadOptions } from './sqlite-history-thread.js';
import { createBatchWrite } from './write-history-batch.js';

const dirs: string[] = [];
function tempDb() {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-thread-'));
  dirs.push(dir);
  return join(dir, 'switchboard.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A request with one attempt whose fitting notes the thread must write as JSON. */
function record(id: string, overrides: Partial<RequestRecord> = {}): RequestRecord {
  return historyRecord(id, 1_700_000_000_000 + Number(id.replace(/\D/g, '') || 0), {
    attempts: [
      {
        attemptIndex: 0,
        provider: 'openai',
        upstreamModel: 'gpt-4o-mini',
        startedAt: 1,
        status: 'ok',
        costUsd: 0.001,
        unpriced: false,
        fitted: [{ param: 'max_tokens', change: 'clamped', from: 99999, to: 16384, why: 'catalog' }],
      },
    ],
    ...overrides,
  });
}

/** A database file, a writer on it and the writer's thread; `end()` closes all three. */
function start(
  options: {
    threadAt?: (path: string) => string;
    thread?: (db: Database.Database) => SqliteHistoryThreadOptions;
    writer?: HistoryWriterOptions;
  } = {},
) {
  const path = tempDb();
  const db = openDatabase(path);
  const thread = startSqliteHistoryThread(options.threadAt?.(path) ?? path, options.thread?.(db));
  const store = createSqliteHistoryStore(db, thread);
  const writer = createHistoryWriter(store, { flushIntervalMs: 10_000, ...options.writer });
  return {
    path,
    db,
    store,
    thread,
    writer,
    async end() {
      await writer.close();
      await store.close();
      db.close();
    },
  };
}

describe('history written on a thread of its own', () => {
  it('writes batches on the thread; flush() returns once they are readable here', async () => {
    const { store, writer, end } = start();
    for (let i = 0; i < 5; i++) writer.record(record(`r${i}`));
    expect(writer.pending()).toBe(5);
    writer.flush();
    expect((await store.listRequests()).map((row) => row.id)).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
    expect((await store.getRequest('r2'))?.attempts[0]).toMatchObject({
      provider: 'openai',
      fitted: [{ param: 'max_tokens', change: 'clamped', to: 16384 }],
    });
    await end();
  });

  it('replaces a request written again, its attempts and its place in the daily rollup', async () => {
    const { store, writer, end } = start();
    writer.record(record('r1'));
    await writer.flush();
    writer.record(record('r1', { status: 'error', attempts: [] }));
    await writer.flush();
    expect((await store.getRequest('r1'))?.attempts).toEqual([]);
    expect((await store.stats({})).days.map(({ requests, errors }) => [requests, errors])).toEqual([[1, 1]]);
    await end();
  });

  it('close() writes what is queued, and the rows survive reopening the file', async () => {
    const { path, writer, end } = start();
    writer.record(record('r1', { stream: true, ttftMs: 42, cache: 'hit-exact' }));
    writer.record(record('r2', { status: 'client_closed', usageEstimated: true }));
    await end();
    const reopened = openDatabase(path);
    const stored = createSqliteHistoryStore(reopened);
    expect(await stored.getRequest('r1')).toMatchObject({ stream: true, ttftMs: 42, cache: 'hit-exact' });
    expect(await stored.getRequest('r2')).toMatchObject({ status: 'client_closed', usageEstimated: true });
    reopened.close();
  });

  it('drops only a record the schema rejects, and writes the rest', async () => {
    const reports: Array<{ error: unknown; failure: HistoryWriteFailure }> = [];
    const { store, writer, end } = start({
      writer: { onError: (error, failure) => reports.push({ error, failure }) },
    });
    writer.record(record('r1'));
    writer.record(record('r2', { status: 'exploded' as RequestRecord['status'] }));
    writer.record(record('r3'));
    // the failed batch is taken apart once its promise settles, then each record is written alone
    await writer.flush();
    expect((await store.listRequests()).map((row) => row.id)).toEqual(['r3', 'r1']);
    expect(writer.pending()).toBe(0);
    expect(reports.map((report) => String(report.error))).toEqual([
      expect.stringMatching(/history record r2 rejected and dropped: .*CHECK constraint failed/),
    ]);
    await end();
  });

  it('keeps the records of a thread that cannot write, for the next try', async () => {
    const failures: HistoryWriteFailure[] = [];
    const { writer, end } = start({
      // a folder where the database should be: the thread cannot open it
      threadAt: (path) => join(path, 'missing', 'switchboard.db'),
      writer: { onError: (_error, failure) => failures.push(failure) },
    });
    writer.record(record('r1'));
    writer.record(record('r2'));
    await writer.flush();
    expect(failures).toEqual([{ retrying: 2, dropped: 0 }]);
    expect(writer.pending()).toBe(2);
    await end();
  });

  it('writes on the caller’s thread when the thread cannot start, rather than not at all', async () => {
    const { store, thread, writer, end } = start({
      thread: (db) => ({ driver: join(tmpdir(), 'no-such-driver.js'), fallback: createBatchWrite(db) }),
    });
    writer.record(record('r1'));
    writer.flush();
    // the batch handed to the thread comes back to the writer when the thread ends, for its next try
    await new Promise<void>((resolve) => setImmediate(resolve));
    await thread.close();
    writer.flush();
    expect((await store.listRequests()).map((row) => row.id)).toEqual(['r1']);
    await end();
  });
});
