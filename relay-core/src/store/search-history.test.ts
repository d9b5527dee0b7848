import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createHistoryWriter } from './history-writer.js';
import { historyRecord } from './history-record.fixture.js';
import { migrate, migrations } from './migrations.js';
import { rollupRebuildSql } from './history-rollup-sql.js';
import { openDatabase } from './open-database.js';
import { describeHistoryStores } from './history-stores.fixture.js';
import type { HistoryFilter } from './search-history.js';
import { createSqliteHistoryStore } from './sqlite-history-store.js';

const day = 24 * 3600 * 1000;
const start = Date.UTC(2026, 10, 1);

describeHistoryStores('the history page', (open) => {
  async function seeded() {
    const { store } = await open();
    const writer = createHistoryWriter(store);
    writer.record(historyRecord('a', start, { latencyMs: 100 }));
    writer.record(
      historyRecord('b', start + 1000, {
        latencyMs: 300,
        provider: 'deepseek',
        upstreamModel: 'deepseek-chat',
      }),
    );
    writer.record(
      historyRecord('c', start + 2000, { status: 'error', costUsd: null, latencyMs: 50, client: 'ci' }),
    );
    // a cache hit costs nothing; what it saved is what its answer cost when it was bought
    writer.record(
      historyRecord('d', start + day, { cache: 'hit-exact', costUsd: 0, savedUsd: 0.002, latencyMs: 5 }),
    );
    writer.record(
      historyRecord('e', start + day + 1, {
        costUsd: null,
        unpriced: true,
        usageEstimated: true,
        latencyMs: 900,
      }),
    );
    await writer.flush();
    return store;
  }

  describe('searchHistory', () => {
    it('pages the newest first and counts every match', async () => {
      const store = await seeded();
      const first = await store.search({}, { limit: 2 });
      expect(first.total).toBe(5);
      expect(first.rows.map((row) => row.id)).toEqual(['e', 'd']);
      expect((await store.search({}, { limit: 2, offset: 4 })).rows.map((row) => row.id)).toEqual(['a']);
      const unpriced = first.rows[0]!;
      expect(unpriced).toMatchObject({ unpriced: true, usageEstimated: true, costUsd: null, stream: false });
    });

    it('filters by time, client, model, provider, status and cache', async () => {
      const store = await seeded();
      const ids = async (filter: HistoryFilter) => (await store.search(filter)).rows.map((row) => row.id);
      expect(await ids({ from: start + day })).toEqual(['e', 'd']);
      expect(await ids({ to: start + 1500 })).toEqual(['b', 'a']);
      expect(await ids({ client: 'ci' })).toEqual(['c']);
      expect(await ids({ model: 'deepseek-chat' })).toEqual(['b']);
      expect(await ids({ provider: 'deepseek' })).toEqual(['b']);
      expect(await ids({ status: 'error' })).toEqual(['c']);
      expect(await ids({ cache: 'hit' })).toEqual(['d']);
      expect(await store.search({ client: 'nobody' })).toEqual({ total: 0, rows: [] });
    });

    it('exports every match newest first, a page at a time, each once even where times tie', async () => {
      const { store } = await open();
      const many = Array.from({ length: 2101 }, (_, index) =>
        historyRecord(`x${String(index).padStart(4, '0')}`, start + Math.floor(index / 2), {
          provider: index % 3 === 0 ? 'deepseek' : 'openai',
        }),
      );
      await store.writeBatch(many);
      const exported: string[] = [];
      for await (const row of store.exportRequests({ provider: 'openai' })) exported.push(row.id);
      const expected = many
        .filter((record) => record.provider === 'openai')
        .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
        .map((record) => record.id);
      expect(exported).toEqual(expected);
      expect(expected.length).toBeGreaterThan(1000);
    });

    it('offers the clients, models and providers seen since a time for the filter menus', async () => {
      expect(await (await seeded()).facets(0)).toEqual({
        clients: ['ci', 'laptop'],
        models: ['auto'],
        providers: ['deepseek', 'openai'],
      });
    });
  });

  const near = (value: number) =>
    expect.toSatisfy((actual: number) => Math.abs(actual - value) <= value * 0.13);

  describe('historyStats', () => {
    it('sums cost, errors and cache hits per day, with latency percentiles within 13%', async () => {
      const stats = await (await seeded()).stats({});
      expect(stats.days).toEqual([
        {
          day: '2026-11-01',
          at: start,
          requests: 3,
          errors: 1,
          costUsd: 0.002,
          cacheHits: 0,
          cacheSavedUsd: 0,
          latencyP50Ms: near(100),
          latencyP95Ms: near(300),
        },
        {
          day: '2026-11-02',
          at: start + day,
          requests: 2,
          errors: 0,
          costUsd: 0,
          cacheHits: 1,
          cacheSavedUsd: 0.002,
          latencyP50Ms: near(5),
          latencyP95Ms: near(900),
        },
      ]);
      expect(stats.costByProvider).toEqual([
        { day: '2026-11-01', key: 'deepseek', costUsd: 0.001 },
        { day: '2026-11-01', key: 'openai', costUsd: 0.001 },
        { day: '2026-11-02', key: 'openai', costUsd: 0 },
      ]);
      expect(stats.bucketMs).toBe(day);
      // the partial day at a range's edge is read from the requests: the same saving
      const edge = await (await seeded()).stats({ from: start + day - 1 }, day, start + 2 * day);
      expect(edge.days.at(-1)).toMatchObject({ cacheHits: 1, cacheSavedUsd: 0.002 });
    });

    it('buckets a short range by the hour, and a long one by the day whatever was asked', async () => {
      const store = await seeded();
      const hourly = await store.stats({ from: start, to: start + day + 2 }, 3600_000, start + day + 2);
      expect(hourly.bucketMs).toBe(3600_000);
      expect(hourly.days.map((entry) => [entry.day, entry.requests])).toEqual([
        ['2026-11-01T00:00Z', 3],
        ['2026-11-02T00:00Z', 2],
      ]);
      expect(hourly.days[1]!.at).toBe(start + day);
      expect((await store.stats({ from: start - 5 * day }, 3600_000, start + 2 * day)).bucketMs).toBe(day);
      expect((await store.stats({}, 3600_000)).bucketMs).toBe(day);
    });

    it('applies the same filters as the table', async () => {
      const stats = await (await seeded()).stats({ provider: 'deepseek' });
      expect(stats.days.map((entry) => entry.requests)).toEqual([1]);
      expect(stats.costByModel).toEqual([{ day: '2026-11-01', key: 'deepseek-chat', costUsd: 0.001 }]);
    });

    it('counts partial days at the edges of a range from the requests themselves', async () => {
      const store = await seeded();
      // from the middle of day one (after a and b) to the middle of day two (d but not e)
      const filter = { from: start + 1500, to: start + day + 1 };
      expect((await store.stats(filter)).days.map((entry) => [entry.day, entry.requests])).toEqual([
        ['2026-11-01', 1],
        ['2026-11-02', 1],
      ]);
      expect((await store.search(filter)).total).toBe(2);
      expect((await store.search({ from: start - day, to: start + 2 * day })).total).toBe(5);
    });

    it('keeps the rollup equal to the requests when a request is rewritten', async () => {
      const store = await seeded();
      const writer = createHistoryWriter(store);
      writer.record(historyRecord('a', start, { latencyMs: 100, costUsd: 0.5, status: 'error' }));
      await writer.flush();
      const [first] = (await store.stats({})).days;
      expect(first).toMatchObject({ requests: 3, errors: 2, costUsd: 0.501 });
      expect((await store.search({})).total).toBe(5);
      expect((await store.search({ status: 'error' })).total).toBe(2);
    });
  });
});

describe('the rollup on SQLite', () => {
  it('takes a deleted request back out (its triggers)', async () => {
    const db = openDatabase(':memory:');
    const store = createSqliteHistoryStore(db);
    await store.writeBatch([
      historyRecord('a', start, { latencyMs: 100 }),
      historyRecord('b', start + 1000, { provider: 'deepseek', upstreamModel: 'deepseek-chat' }),
    ]);
    db.prepare("DELETE FROM requests WHERE id = 'b'").run();
    expect((await store.stats({})).days[0]).toMatchObject({ requests: 1, costUsd: 0.001 });
    expect((await store.facets(0)).providers).toEqual(['openai']);
  });
});

describe('the rollup migration', () => {
  it('fills the rollup from a history written before it existed', async () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 3));
    // rows as that schema held them (today's writer writes columns added since)
    const insert = db.prepare(
      `INSERT INTO requests (id, created_at, client, dialect, requested_model, provider, status,
        latency_ms, cost_usd) VALUES (?, ?, 'laptop', 'openai-chat', 'auto', 'openai', ?, ?, 0.001)`,
    );
    insert.run('a', start, 'ok', 100);
    insert.run('b', start + day, 'error', 800);
    migrate(db);
    const store = createSqliteHistoryStore(db);
    expect((await store.search({})).total).toBe(2);
    expect((await store.stats({})).days.map((entry) => [entry.day, entry.requests, entry.errors])).toEqual([
      ['2026-11-01', 1, 0],
      ['2026-11-02', 1, 1],
    ]);
  });

  it('counts a request written again once in a database that had the trigger for it', async () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 14));
    // as an earlier rollup left it: a trigger that took out an id's earlier row on every insert
    db.exec(`CREATE TRIGGER requests_rollup_replace BEFORE INSERT ON requests
      WHEN EXISTS (SELECT 1 FROM requests WHERE id = NEW.id)
      BEGIN UPDATE history_daily SET requests = requests - 1; END;`);
    migrate(db);
    const store = createSqliteHistoryStore(db);
    await store.writeBatch([historyRecord('a', start, { latencyMs: 100 })]);
    await store.writeBatch([historyRecord('a', start, { latencyMs: 100, status: 'error' })]);
    expect((await store.stats({})).days[0]).toMatchObject({ requests: 1, errors: 1 });
    expect((await store.search({})).total).toBe(1);
  });

  it("rebuilds a rollup that counted a cache hit's $0 as its saving", async () => {
    const db = new Database(':memory:');
    migrate(db);
    const store = createSqliteHistoryStore(db);
    const writer = createHistoryWriter(store);
    writer.record(historyRecord('hit', start, { cache: 'hit-exact', costUsd: 0, savedUsd: 0.004 }));
    await writer.flush();
    // as the rollup's first triggers left it
    db.prepare('UPDATE history_daily SET cache_saved_usd = 0').run();
    const saved = () =>
      (db.prepare('SELECT SUM(cache_saved_usd) AS saved FROM history_daily').get() as { saved: number })
        .saved;
    expect(saved()).toBe(0);
    // what the migration that rebuilds the rollup runs on such a database
    db.exec(migrations.find((migration) => migration.up === rollupRebuildSql())!.up);
    expect(saved()).toBe(0.004);
    writer.record(historyRecord('hit2', start, { cache: 'hit-exact', costUsd: 0, savedUsd: 0.001 }));
    await writer.flush();
    expect((await store.stats({})).days[0]!.cacheSavedUsd).toBe(0.005);
  });
});
