import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createHistoryWriter } from './history-writer.js';
import { historyRecord } from './history-record.fixture.js';
import { historyStats } from './history-stats.js';
import { migrate, migrations } from './migrations.js';
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
  writer.record(historyRecord('d', start + day, { cache: 'hit-exact', costUsd: 0.002, latencyMs: 5 }));
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
        requests: 2,
        errors: 0,
        costUsd: 0.002,
        cacheHits: 1,
        cacheSavedUsd: 0.002,
        latencyP50Ms: near(5),
        latencyP95Ms: near(900),
      },
    ]);
    expect(stats.costByProvider).toEqual([
      { day: '2026-11-01', key: 'deepseek', costUsd: 0.001 },
      { day: '2026-11-01', key: 'openai', costUsd: 0.001 },
      { day: '2026-11-02', key: 'openai', costUsd: 0.002 },
    ]);
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
});
