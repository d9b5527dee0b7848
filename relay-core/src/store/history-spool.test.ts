import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { historyRecord } from './history-record.fixture.js';
import type { RequestRecord } from './history-records.js';
import { createHistorySpool } from './history-spool.js';
import type { HistoryStore } from './history-store.js';
import { countRows, describeHistoryStores } from './history-stores.fixture.js';
import { createHistoryWriter } from './history-writer.js';
import { createPostgresHistoryStore } from './postgres/postgres-history-store.js';

const dirs: string[] = [];
function spoolPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-spool-'));
  dirs.push(dir);
  return join(dir, 'history-spool.jsonl');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A store that refuses every write while `down`, as a database that went away does, and keeps what it got. */
function awayStore() {
  const written: string[] = [];
  const state = { down: true };
  const store: Pick<HistoryStore, 'writeBatch' | 'rejects'> = {
    writeBatch: async (batch) => {
      if (state.down) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      written.push(...batch.map((record) => record.id));
    },
    rejects: () => false,
  };
  return { store, state, written };
}

const records = (count: number, from = 0): RequestRecord[] =>
  Array.from({ length: count }, (_, index) => historyRecord(`r${from + index}`, 1_000 + from + index));

describe('history spool', () => {
  it('keeps what memory cannot hold on disk while the store is away, and writes all of it in order when it returns', async () => {
    const path = spoolPath();
    const { store, state, written } = awayStore();
    const writer = createHistoryWriter(store, { maxPending: 10, spool: createHistorySpool(path, 1 << 20) });
    for (const record of records(25)) writer.record(record);
    await writer.flush();
    for (const record of records(25, 25)) writer.record(record);
    await writer.flush();
    expect(writer.status()).toMatchObject({ pending: 50, failing: true, dropped: 0 });
    expect(writer.status().spooled).toBeGreaterThanOrEqual(40);
    state.down = false;
    await writer.flush();
    expect(written).toEqual(records(50).map((record) => record.id));
    expect(writer.status()).toMatchObject({ pending: 0, spooled: 0, dropped: 0, failing: false });
    // an emptied spool leaves no file behind
    expect(existsSync(path)).toBe(false);
  });

  it('drops and counts what passes the spool’s bound, keeping the oldest', async () => {
    const { store, state, written } = awayStore();
    const line = JSON.stringify(records(1)[0]).length + 1;
    const writer = createHistoryWriter(store, {
      maxPending: 5,
      spool: createHistorySpool(spoolPath(), line * 10),
    });
    for (const record of records(30)) writer.record(record);
    await writer.flush();
    expect(writer.status()).toMatchObject({ pending: 15, spooled: 10, dropped: 15 });
    state.down = false;
    await writer.flush();
    // the first ten went to disk; memory kept the newest five
    expect(written).toEqual([...records(10), ...records(5, 25)].map((record) => record.id));
  });

  it('hands what is left at close to the next start through the spool file', async () => {
    const path = spoolPath();
    const first = awayStore();
    const writer = createHistoryWriter(first.store, { spool: createHistorySpool(path, 1 << 20) });
    for (const record of records(3)) writer.record(record);
    await writer.close();
    expect(existsSync(path)).toBe(true);
    const second = awayStore();
    second.state.down = false;
    const next = createHistoryWriter(second.store, { spool: createHistorySpool(path, 1 << 20) });
    expect(next.status().spooled).toBe(3);
    await next.flush();
    expect(second.written).toEqual(['r0', 'r1', 'r2']);
    await next.close();
  });
});

describeHistoryStores('history spool over an outage', (open) => {
  it('records every request made while PostgreSQL is down, once each, in order, when it returns', async () => {
    const history = await open();
    if (!history.server) return; // SQLite has no server to lose
    const errors: unknown[] = [];
    // a second store on the same database, as a relay has: the test's own connection is apart
    const store = createPostgresHistoryStore(history.url!);
    const writer = createHistoryWriter(store, {
      maxPending: 20,
      flushIntervalMs: 60_000,
      spool: createHistorySpool(spoolPath(), 1 << 20),
      onError: (error) => errors.push(error),
    });
    writer.record(records(1)[0]!);
    await writer.flush();
    // the test server commits without waiting for its log: make the request before the outage durable
    await history.sql.all('CHECKPOINT');
    await history.server.kill();
    const during = records(100, 1);
    for (const record of during) writer.record(record);
    await writer.flush();
    expect(errors.length).toBeGreaterThan(0);
    expect(writer.status()).toMatchObject({ pending: 100, dropped: 0, failing: true });
    await history.server.restart();
    await writer.flush();
    expect(writer.status()).toMatchObject({ pending: 0, spooled: 0, dropped: 0 });
    const { rows, total } = await history.store.search({}, { limit: 1000 });
    expect(rows.map((row) => row.id).reverse()).toEqual(records(101).map((record) => record.id));
    expect(total).toBe(101);
    expect(await countRows(history, 'requests')).toBe(101);
    // the daily rollup counted each request once
    expect((await history.store.stats({})).days.reduce((sum, day) => sum + day.requests, 0)).toBe(101);
    await writer.close();
    await store.close();
  }, 60_000);
});
