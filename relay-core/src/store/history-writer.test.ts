import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { usageCounts } from '../canonical/types.js';
import { createHistoryWriter } from './history-writer.js';
import type { HistoryWriteFailure, RequestRecord } from './history-writer.js';
import { openDatabase } from './open-database.js';
import { createSqliteHistoryStore } from './sqlite-history-store.js';
import { countRows, describeHistoryStores } from './history-stores.fixture.js';

const dirs: string[] = [];
function tempDb() {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-store-'));
  dirs.push(dir);
  return join(dir, 'switchboard.db');
}
afterEach(() => {
  vi.useRealTimers();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function record(id: string, overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id,
    createdAt: 1_700_000_000_000 + Number(id.replace(/\D/g, '') || 0),
    dialect: 'openai-chat',
    requestedModel: 'gpt-4o-mini',
    provider: 'openai',
    upstreamModel: 'gpt-4o-mini-2024-07-18',
    status: 'ok',
    httpStatus: 200,
    stream: false,
    latencyMs: 120,
    inputTokens: 10,
    outputTokens: 5,
    usageEstimated: false,
    costUsd: 0.0000045,
    unpriced: false,
    cache: 'miss',
    attemptCount: 1,
    attempts: [
      {
        attemptIndex: 0,
        provider: 'openai',
        upstreamModel: 'gpt-4o-mini',
        startedAt: 1,
        status: 'ok',
        costUsd: 0.0000045,
        unpriced: false,
      },
    ],
    ...overrides,
  };
}

const count = (db: Database.Database, table: string) =>
  (db.prepare(`SELECT COUNT(*) AS count FROM ${table}`).get() as { count: number }).count;

/** Makes inserting request `id` fail with a plain (not constraint) error while `state.on`, like a disk error. */
function failInsertOf(db: Database.Database, id: string) {
  const state = { on: true };
  db.function('fail_insert', (rowId: unknown) => {
    if (state.on && rowId === id) throw new Error('disk I/O error');
    return 0;
  });
  db.exec('CREATE TRIGGER fail_insert BEFORE INSERT ON requests BEGIN SELECT fail_insert(NEW.id); END');
  return state;
}

describe('history writer on SQLite', () => {
  it('writes a batch in one transaction: a failure midway leaves none of it, and all of it is kept', async () => {
    const db = openDatabase(':memory:');
    const failures: HistoryWriteFailure[] = [];
    const writer = createHistoryWriter(createSqliteHistoryStore(db), {
      flushIntervalMs: 10_000,
      onError: (_error, failure) => failures.push(failure),
    });
    const disk = failInsertOf(db, 'r3');
    for (let i = 0; i < 5; i++) writer.record(record(`r${i}`));
    await writer.flush();
    // r0..r2 were inserted before r3 failed; the rollback took them back
    expect(count(db, 'requests')).toBe(0);
    expect(count(db, 'attempts')).toBe(0);
    expect(failures).toEqual([{ retrying: 5, dropped: 0 }]);
    expect(writer.pending()).toBe(5);
    disk.on = false;
    await writer.flush();
    expect(count(db, 'requests')).toBe(5);
    expect(writer.pending()).toBe(0);
    await writer.close();
  });

  it('retries a failed batch by itself, backing off', async () => {
    vi.useFakeTimers();
    const db = openDatabase(':memory:');
    const errors: unknown[] = [];
    const writer = createHistoryWriter(createSqliteHistoryStore(db), {
      flushIntervalMs: 50,
      onError: (error) => errors.push(error),
    });
    const disk = failInsertOf(db, 'r1');
    writer.record(record('r1'));
    vi.advanceTimersByTime(50);
    expect(errors).toHaveLength(1);
    vi.advanceTimersByTime(99);
    expect(errors).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(errors).toHaveLength(2);
    disk.on = false;
    vi.advanceTimersByTime(200);
    expect(count(db, 'requests')).toBe(1);
    expect(writer.pending()).toBe(0);
    await writer.close();
  });

  it('keeps at most maxPending records while writes fail, dropping the oldest', async () => {
    const db = openDatabase(':memory:');
    const failures: HistoryWriteFailure[] = [];
    const writer = createHistoryWriter(createSqliteHistoryStore(db), {
      maxPending: 3,
      onError: (_error, failure) => failures.push(failure),
    });
    db.close();
    // the caller never sees a database error
    for (let i = 0; i < 5; i++) expect(() => writer.record(record(`r${i}`))).not.toThrow();
    await writer.flush();
    expect(writer.pending()).toBe(3);
    expect(failures).toEqual([{ retrying: 3, dropped: 2 }]);
    await writer.close();
  });

  it('flushes by itself after the interval', async () => {
    vi.useFakeTimers();
    const db = openDatabase(':memory:');
    const writer = createHistoryWriter(createSqliteHistoryStore(db), { flushIntervalMs: 50 });
    writer.record(record('r1'));
    vi.advanceTimersByTime(49);
    expect(count(db, 'requests')).toBe(0);
    vi.advanceTimersByTime(1);
    expect(count(db, 'requests')).toBe(1);
    await writer.close();
  });

  it('flushes a full batch on the next turn of the event loop, not in record()', async () => {
    vi.useFakeTimers();
    const db = openDatabase(':memory:');
    const writer = createHistoryWriter(createSqliteHistoryStore(db), {
      batchSize: 3,
      flushIntervalMs: 10_000,
    });
    for (let i = 0; i < 3; i++) writer.record(record(`r${i}`));
    expect(count(db, 'requests')).toBe(0);
    vi.advanceTimersByTime(0);
    expect(count(db, 'requests')).toBe(3);
    expect(writer.pending()).toBe(0);
    await writer.close();
  });

  it('close() flushes, and the rows survive reopening the file', async () => {
    const path = tempDb();
    const db = openDatabase(path);
    const writer = createHistoryWriter(createSqliteHistoryStore(db), { flushIntervalMs: 10_000 });
    writer.record(record('r1', { stream: true, ttftMs: 42, overheadMs: 1.5, cache: 'hit-exact' }));
    writer.record(record('r2', { status: 'client_closed', usageEstimated: true }));
    await writer.close();
    expect(writer.pending()).toBe(0);
    db.close();
    const reopened = openDatabase(path);
    expect(await createSqliteHistoryStore(reopened).getRequest('r1')).toMatchObject({
      stream: true,
      ttftMs: 42,
      overheadMs: 1.5,
      cache: 'hit-exact',
      status: 'ok',
    });
    expect(await createSqliteHistoryStore(reopened).getRequest('r2')).toMatchObject({
      status: 'client_closed',
      usageEstimated: true,
    });
    expect((await createSqliteHistoryStore(reopened).getRequest('r2'))?.attempts).toHaveLength(1);
    reopened.close();
  });
});

describeHistoryStores('history writer', (open) => {
  it('queues records off the request path and writes them on flush, newest listed first', async () => {
    const history = await open();
    const { store } = history;
    const writer = createHistoryWriter(store, { flushIntervalMs: 10_000 });
    for (let i = 0; i < 5; i++) writer.record(record(`r${i}`));
    expect(writer.pending()).toBe(5);
    expect(await countRows(history, 'requests')).toBe(0);
    await writer.flush();
    expect(writer.pending()).toBe(0);
    expect((await store.listRequests()).map((row) => row.id)).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
    expect(await countRows(history, 'attempts')).toBe(5);
    expect((await store.getRequest('r0'))?.attempts).toEqual([
      {
        attemptIndex: 0,
        provider: 'openai',
        upstreamModel: 'gpt-4o-mini',
        startedAt: 1,
        status: 'ok',
        costUsd: 0.0000045,
        unpriced: false,
      },
    ]);
    await writer.close();
  });

  it('keeps every token count in its own column, on the request and on its attempt', async () => {
    const history = await open();
    const { store } = history;
    const writer = createHistoryWriter(store, { flushIntervalMs: 10_000 });
    const counts = Object.fromEntries(usageCounts.map((name, index) => [name, 100 + index]));
    const base = record('counted');
    writer.record({ ...base, ...counts, attempts: base.attempts.map((a) => ({ ...a, ...counts })) });
    await writer.flush();
    const stored = await store.getRequest('counted');
    for (const name of usageCounts) {
      expect(stored?.[name], name).toBe(counts[name]);
      expect(stored?.attempts[0]?.[name], name).toBe(counts[name]);
    }
    await writer.close();
  });

  it("keeps what fitting changed on each attempt, as the drawer's timeline reads it", async () => {
    const history = await open();
    const { store } = history;
    const writer = createHistoryWriter(store, { flushIntervalMs: 10_000 });
    const fitted = [
      {
        param: 'max_tokens',
        change: 'clamped' as const,
        from: 32000,
        to: 16384,
        why: 'gpt-4o-mini writes at most 16384 tokens (catalog)',
      },
      {
        param: 'reasoning',
        change: 'left out' as const,
        from: 'high',
        why: 'gpt-4o-mini does not reason (catalog)',
      },
    ];
    const clamped = record('r1');
    clamped.attempts[0]!.fitted = fitted;
    writer.record(clamped);
    writer.record(record('r2'));
    await writer.flush();
    expect((await store.getRequest('r1'))?.attempts[0]?.fitted).toEqual(fitted);
    expect((await store.getRequest('r2'))?.attempts[0]).not.toHaveProperty('fitted');
    await writer.close();
  });

  it('drops only a record the schema rejects, reports it and writes the rest', async () => {
    const history = await open();
    const { store } = history;
    const reports: Array<{ error: unknown; failure: HistoryWriteFailure }> = [];
    const writer = createHistoryWriter(store, {
      onError: (error, failure) => reports.push({ error, failure }),
    });
    writer.record(record('r1'));
    writer.record(record('r2', { status: 'exploded' as RequestRecord['status'] }));
    writer.record(record('r3'));
    // a value SQLite cannot bind
    writer.record(record('r4', { latencyMs: { ms: 1 } as unknown as number }));
    await writer.flush();
    expect((await store.listRequests()).map((row) => row.id)).toEqual(['r3', 'r1']);
    expect(writer.pending()).toBe(0);
    expect(reports.map((report) => String(report.error))).toEqual([
      expect.stringMatching(
        /history record r2 rejected and dropped: .*(CHECK constraint failed|violates check constraint)/,
      ),
      expect.stringMatching(/history record r4 rejected and dropped/),
    ]);
    expect(reports[0]!.failure).toEqual({ retrying: 0, dropped: 1 });
    await writer.close();
  });

  it('records a model without a price as unpriced with a NULL cost, never $0', async () => {
    const history = await open();
    const { store } = history;
    const writer = createHistoryWriter(store);
    writer.record(record('r1', { costUsd: null, unpriced: true }));
    // a caller that passed 0 for an unpriced request still gets NULL
    writer.record(
      record('r2', {
        costUsd: 0,
        unpriced: true,
        attempts: [
          {
            attemptIndex: 0,
            provider: 'x',
            upstreamModel: 'y',
            startedAt: 1,
            status: 'ok',
            costUsd: 0,
            unpriced: true,
          },
        ],
      }),
    );
    writer.record(record('r3'));
    await writer.flush();
    const raw = await history.sql.all('SELECT id, cost_usd, unpriced FROM requests ORDER BY id');
    expect(raw).toEqual([
      { id: 'r1', cost_usd: null, unpriced: 1 },
      { id: 'r2', cost_usd: null, unpriced: 1 },
      { id: 'r3', cost_usd: 0.0000045, unpriced: 0 },
    ]);
    expect(await history.sql.all("SELECT cost_usd, unpriced FROM attempts WHERE request_id = 'r2'")).toEqual([
      { cost_usd: null, unpriced: 1 },
    ]);
    expect(await store.summarizeCost()).toEqual({
      costUsd: 0.0000045,
      unpriced: 2,
      requests: 3,
      savedUsd: 0,
      cacheHits: 0,
    });
    await writer.close();
  });

  it('replaces a request written twice, attempts included', async () => {
    const history = await open();
    const { store } = history;
    const writer = createHistoryWriter(store);
    writer.record(record('r1'));
    await writer.flush();
    writer.record(record('r1', { attemptCount: 0, attempts: [], status: 'error' }));
    await writer.flush();
    expect(await countRows(history, 'requests')).toBe(1);
    expect(await store.getRequest('r1')).toMatchObject({
      status: 'error',
      attempts: [],
    });
    await writer.close();
  });
});
