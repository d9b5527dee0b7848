import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createHistoryWriter } from './history-writer.js';
import { historyRecord } from './history-record.fixture.js';
import { historyStats } from './history-stats.js';
import { migrate, migrations } from './migrations.js';
import { rollupRebuildSql } from './history-rollup-sql.js';
import { openDatabase } from './open-database.js';
import { historyFacets, searchHistory } from './search-history.js';

const day = 24 * 3600 * 1000;
const start = Date.UTC(2026, 10, 1);

function seeded() {
  const db = openDatabase(':memory:');
  const writer = createHistoryWriter(db);
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
  writer.flush();
  return db;
}

describe('searchHistory', () => {
  it('pages the newest first and counts every match', () => {
    const db = seeded();
    const first = searchHistory(db, {}, { limit: 2 });
    expect(first.total).toBe(5);
    expect(first.rows.map((row) => row.id)).toEqual(['e', 'd']);
    expect(searchHistory(db, {}, { limit: 2, offset: 4 }).rows.map((row) => row.id)).toEqual(['a']);
    const unpriced = first.rows[0]!;
    expect(unpriced).toMatchObject({ unpriced: true, usageEstimated: true, costUsd: null, stream: false });
  });

  it('filters by time, client, model, provider, status and cache', () => {
    const db = seeded();
    const ids = (filter: Parameters<typeof searchHistory>[1]) =>
      searchHistory(db, filter).rows.map((row) => row.id);
    expect(ids({ from: start + day })).toEqual(['e', 'd']);
    expect(ids({ to: start + 1500 })).toEqual(['b', 'a']);
    expect(ids({ client: 'ci' })).toEqual(['c']);
    expect(ids({ model: 'deepseek-chat' })).toEqual(['b']);
    expect(ids({ provider: 'deepseek' })).toEqual(['b']);
    expect(ids({ status: 'error' })).toEqual(['c']);
    expect(ids({ cache: 'hit' })).toEqual(['d']);
    expect(searchHistory(db, { client: 'nobody' })).toEqual({ total: 0, rows: [] });
  });

  it('offers the clients, models and providers seen since a time for the filter menus', () => {
    expect(historyFacets(seeded(), 0)).toEqual({
      clients: ['ci', 'laptop'],
      models: ['auto'],
      providers: ['deepseek', 'openai'],
    });
  });
});

const near = (value: number) =>
  expect.toSatisfy((actual: number) => Math.abs(actual - value) <= value * 0.13);

describe('historyStats', () => {
  it('sums cost, errors and cache hits per day, with latency percentiles within 13%', () => {
    const stats = historyStats(seeded(), {});
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
    const edge = historyStats(seeded(), { from: start + day - 1 }, day, start + 2 * day);
    expect(edge.days.at(-1)).toMatchObject({ cacheHits: 1, cacheSavedUsd: 0.002 });
  });

  it('buckets a short range by the hour, and a long one by the day whatever was asked', () => {
    const db = seeded();
    const hourly = historyStats(db, { from: start, to: start + day + 2 }, 3600_000, start + day + 2);
    expect(hourly.bucketMs).toBe(3600_000);
    expect(hourly.days.map((entry) => [entry.day, entry.requests])).toEqual([
      ['2026-11-01T00:00Z', 3],
      ['2026-11-02T00:00Z', 2],
    ]);
    expect(hourly.days[1]!.at).toBe(start + day);
    expect(historyStats(db, { from: start - 5 * day }, 3600_000, start + 2 * day).bucketMs).toBe(day);
    expect(historyStats(db, {}, 3600_000).bucketMs).toBe(day);
  });

  it('applies the same filters as the table', () => {
    const stats = historyStats(seeded(), { provider: 'deepseek' });
    expect(stats.days.map((entry) => entry.requests)).toEqual([1]);
    expect(stats.costByModel).toEqual([{ day: '2026-11-01', key: 'deepseek-chat', costUsd: 0.001 }]);
  });

  it('counts partial days at the edges of a range from the requests themselves', () => {
    const db = seeded();
    // from the middle of day one (after a and b) to the middle of day two (d but not e)
    const filter = { from: start + 1500, to: start + day + 1 };
    expect(historyStats(db, filter).days.map((entry) => [entry.day, entry.requests])).toEqual([
      ['2026-11-01', 1],
      ['2026-11-02', 1],
    ]);
    expect(searchHistory(db, filter).total).toBe(2);
    expect(searchHistory(db, { from: start - day, to: start + 2 * day }).total).toBe(5);
  });

  it('keeps the rollup equal to the requests when a request is rewritten or deleted', () => {
    const db = seeded();
    const writer = createHistoryWriter(db);
    writer.record(historyRecord('a', start, { latencyMs: 100, costUsd: 0.5, status: 'error' }));
    writer.flush();
    db.prepare("DELETE FROM requests WHERE id = 'b'").run();
    const [first] = historyStats(db, {}).days;
    expect(first).toMatchObject({ requests: 2, errors: 2, costUsd: 0.5 });
    expect(searchHistory(db, {}).total).toBe(4);
    expect(historyFacets(db, 0).providers).toEqual(['openai']);
  });
});

describe('the rollup migration', () => {
  it('fills the rollup from a history written before it existed', () => {
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
    expect(searchHistory(db, {}).total).toBe(2);
    expect(historyStats(db, {}).days.map((entry) => [entry.day, entry.requests, entry.errors])).toEqual([
      ['2026-11-01', 1, 0],
      ['2026-11-02', 1, 1],
    ]);
  });

  it("rebuilds a rollup that counted a cache hit's $0 as its saving", () => {
    const db = new Database(':memory:');
    migrate(db);
    const writer = createHistoryWriter(db);
    writer.record(historyRecord('hit', start, { cache: 'hit-exact', costUsd: 0, savedUsd: 0.004 }));
    writer.flush();
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
    writer.flush();
    expect(historyStats(db, {}).days[0]!.cacheSavedUsd).toBe(0.005);
  });
});
