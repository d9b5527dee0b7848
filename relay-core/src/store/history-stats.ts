import { bucketsPerDoubling, latencyBuckets, rollupDayMs } from './history-rollup-sql.js';
import { historyWhere, splitRange } from './search-history.js';
import type { HistoryFilter } from './search-history.js';
import type { HistorySql } from './history-sql.js';

/** One bucket of the history charts: a UTC day, or an hour or a few minutes for short ranges. */
export interface HistoryDay {
  /** The bucket's name: `2026-11-28` for a day, `2026-11-28T14:00Z` for a shorter bucket. */
  day: string;
  /** When the bucket starts (unix ms). */
  at: number;
  requests: number;
  errors: number;
  /** Known cost of the day, priced requests only. */
  costUsd: number;
  /** Requests answered from the cache, and what they cost when first answered upstream. */
  cacheHits: number;
  cacheSavedUsd: number;
  /** Latency percentiles from a histogram with 3 buckets per doubling: within about ±13%. */
  latencyP50Ms?: number;
  latencyP95Ms?: number;
}

/** The history page's charts: per-bucket totals and cost per bucket split by model and by provider. */
export interface HistoryStats {
  /** The length of a bucket (a day unless a shorter one was asked for a short range). */
  bucketMs: number;
  days: HistoryDay[];
  costByModel: Array<{ day: string; key: string; costUsd: number }>;
  costByProvider: Array<{ day: string; key: string; costUsd: number }>;
}

/** The latency bucket the rollup's triggers use (history-rollup-sql.ts), or -1 for none. */
export function latencyBucket(latencyMs: number | null): number {
  if (latencyMs === null) return -1;
  return Math.min(
    latencyBuckets - 1,
    Math.max(0, Math.floor(Math.log2(Math.max(latencyMs, 1)) * bucketsPerDoubling)),
  );
}

/** Nearest-rank percentile of a histogram, as the geometric middle of its bucket. */
function percentile(histogram: number[], p: number): number | undefined {
  const count = histogram.reduce((sum, value) => sum + value, 0);
  if (count === 0) return undefined;
  const rank = Math.max(1, Math.ceil(p * count));
  let seen = 0;
  for (let bucket = 0; bucket < histogram.length; bucket++) {
    seen += histogram[bucket]!;
    if (seen >= rank) return Math.round(2 ** ((bucket + 0.5) / bucketsPerDoubling) * 10) / 10;
  }
  return undefined;
}

interface DayTotals {
  requests: number;
  errors: number;
  cost: number;
  hits: number;
  saved: number;
  histogram: number[];
}

const round = (value: number) => Math.round(value * 1e10) / 1e10;

/** Buckets shorter than a day are read from the requests themselves: only for ranges this short. */
export const maxSubDayRangeMs = 2 * rollupDayMs;

/**
 * Per-bucket cost, errors, cache hits and latency percentiles of the requests matching `filter`.
 * Day buckets come from the daily rollup, so a million requests cost a few thousand rollup rows;
 * only the partial days at the range's edges read the requests themselves. A shorter bucket (an
 * hour for the last day) reads the requests of the range, so it is used only when the range is at
 * most `maxSubDayRangeMs` long; otherwise the buckets are days.
 */
export async function historyStats(
  db: HistorySql,
  filter: HistoryFilter,
  asked: number = rollupDayMs,
  now: number = Date.now(),
): Promise<HistoryStats> {
  const short =
    asked < rollupDayMs && filter.from !== undefined && (filter.to ?? now) - filter.from <= maxSubDayRangeMs;
  const bucketMs = short ? Math.max(60_000, Math.round(asked)) : rollupDayMs;
  const bucketName = (bucket: number) => {
    const iso = new Date(bucket * bucketMs).toISOString();
    return bucketMs === rollupDayMs ? iso.slice(0, 10) : `${iso.slice(0, 16)}Z`;
  };
  const days = new Map<number, DayTotals>();
  const byModel = new Map<string, { cost: number; priced: number }>();
  const byProvider = new Map<string, { cost: number; priced: number }>();
  const totalsOf = (day: number) => {
    let totals = days.get(day);
    if (!totals) {
      totals = {
        requests: 0,
        errors: 0,
        cost: 0,
        hits: 0,
        saved: 0,
        histogram: new Array<number>(latencyBuckets).fill(0),
      };
      days.set(day, totals);
    }
    return totals;
  };
  const addSplit = (map: typeof byModel, day: number, key: string, cost: number, priced: number) => {
    const id = `${day}\u0000${key || '(none)'}`;
    const entry = map.get(id) ?? { cost: 0, priced: 0 };
    entry.cost += cost;
    entry.priced += priced;
    map.set(id, entry);
  };

  const split = short ? { edges: [{ from: filter.from, to: filter.to }] } : splitRange(filter);
  if ('days' in split && split.days) {
    const { sql, params } = historyWhere(filter, { time: false, extra: split.days.conditions });
    const buckets = Array.from({ length: latencyBuckets }, (_, index) => `l${index}`).join(', ');
    const rows = (await db.arrays(
      `SELECT day, upstream_model, provider, requests, errors, cost_usd, priced, cache_saved_usd, cache, ${buckets}
        FROM history_daily ${sql}`,
      [...split.days.params, ...params],
    )) as Array<Array<number | string>>;
    for (const row of rows) {
      const [day, model, provider, requests, errors, cost, priced, saved, cache] = row as [
        number,
        string,
        string,
        number,
        number,
        number,
        number,
        number,
        string,
      ];
      if (requests === 0) continue;
      const totals = totalsOf(day);
      totals.requests += requests;
      totals.errors += errors;
      totals.cost += cost;
      totals.saved += saved;
      if (cache.startsWith('hit')) totals.hits += requests;
      for (let bucket = 0; bucket < latencyBuckets; bucket++)
        totals.histogram[bucket]! += row[9 + bucket] as number;
      addSplit(byModel, day, model, cost, priced);
      addSplit(byProvider, day, provider, cost, priced);
    }
  }
  for (const edge of split.edges) {
    const { sql, params } = historyWhere({ ...filter, ...edge });
    const rows = (await db.arrays(
      `SELECT created_at, upstream_model, provider, status, cost_usd, cache, latency_ms, saved_usd FROM requests ${sql}`,
      params,
    )) as Array<
      [number, string | null, string | null, string, number | null, string, number | null, number | null]
    >;
    for (const [createdAt, model, provider, status, cost, cache, latency, savedUsd] of rows) {
      const day = Math.floor(createdAt / bucketMs);
      const totals = totalsOf(day);
      const hit = cache.startsWith('hit');
      totals.requests += 1;
      totals.errors += status === 'error' ? 1 : 0;
      totals.cost += cost ?? 0;
      totals.hits += hit ? 1 : 0;
      totals.saved += hit ? (savedUsd ?? 0) : 0;
      const bucket = latencyBucket(latency);
      if (bucket >= 0) totals.histogram[bucket]! += 1;
      addSplit(byModel, day, model ?? '', cost ?? 0, cost === null ? 0 : 1);
      addSplit(byProvider, day, provider ?? '', cost ?? 0, cost === null ? 0 : 1);
    }
  }

  const splitRows = (map: typeof byModel) =>
    [...map]
      .filter(([, entry]) => entry.priced > 0)
      .map(([id, entry]) => {
        const [day, key] = id.split('\u0000') as [string, string];
        return { day: bucketName(Number(day)), key, costUsd: round(entry.cost) };
      })
      .sort((a, b) => a.day.localeCompare(b.day) || a.key.localeCompare(b.key));
  return {
    bucketMs,
    days: [...days]
      .filter(([, totals]) => totals.requests > 0)
      .sort(([a], [b]) => a - b)
      .map(([day, totals]) => ({
        day: bucketName(day),
        at: day * bucketMs,
        requests: totals.requests,
        errors: totals.errors,
        costUsd: round(totals.cost),
        cacheHits: totals.hits,
        cacheSavedUsd: round(totals.saved),
        latencyP50Ms: percentile(totals.histogram, 0.5),
        latencyP95Ms: percentile(totals.histogram, 0.95),
      })),
    costByModel: splitRows(byModel),
    costByProvider: splitRows(byProvider),
  };
}
