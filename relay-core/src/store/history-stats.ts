import type Database from 'better-sqlite3';
import { historyWhere } from './search-history.js';
import type { HistoryFilter } from './search-history.js';

/** One day of the history charts (UTC days). */
export interface HistoryDay {
  day: string;
  requests: number;
  errors: number;
  /** Known cost of the day, priced requests only. */
  costUsd: number;
  /** Requests answered from the cache, and what they cost when first answered upstream. */
  cacheHits: number;
  cacheSavedUsd: number;
  latencyP50Ms?: number;
  latencyP95Ms?: number;
}

/** The history page's charts: per-day totals and cost per day split by model and by provider. */
export interface HistoryStats {
  days: HistoryDay[];
  costByModel: Array<{ day: string; key: string; costUsd: number }>;
  costByProvider: Array<{ day: string; key: string; costUsd: number }>;
}

const round = (value: number) => Math.round(value * 1e10) / 1e10;

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

/**
 * Per-day cost, errors, cache hits and latency percentiles of the requests matching `filter`.
 * Sums run in SQL; percentiles read one latency column over the filtered range.
 */
export function historyStats(db: Database.Database, filter: HistoryFilter): HistoryStats {
  const { sql, params } = historyWhere(filter);
  const day = "date(created_at / 1000, 'unixepoch')";
  const totals = db
    .prepare(
      `SELECT ${day} AS day, COUNT(*) AS requests, SUM(status = 'error') AS errors,
        COALESCE(SUM(cost_usd), 0) AS costUsd, SUM(cache LIKE 'hit%') AS cacheHits,
        COALESCE(SUM(CASE WHEN cache LIKE 'hit%' THEN cost_usd END), 0) AS cacheSavedUsd
      FROM requests ${sql} GROUP BY day ORDER BY day`,
    )
    .all(...params) as HistoryDay[];
  const split = (column: string) =>
    (
      db
        .prepare(
          `SELECT ${day} AS day, COALESCE(${column}, '(none)') AS key, SUM(cost_usd) AS costUsd
          FROM requests ${sql} ${sql ? 'AND' : 'WHERE'} cost_usd IS NOT NULL GROUP BY day, key ORDER BY day`,
        )
        .all(...params) as Array<{ day: string; key: string; costUsd: number }>
    ).map((row) => ({ ...row, costUsd: round(row.costUsd) }));
  const latencies = new Map<string, number[]>();
  const latencyRows = db
    .prepare(
      `SELECT ${day} AS day, latency_ms AS latency FROM requests ${sql} ${sql ? 'AND' : 'WHERE'} latency_ms IS NOT NULL`,
    )
    .raw()
    .iterate(...params) as IterableIterator<[string, number]>;
  for (const [rowDay, latency] of latencyRows) {
    const list = latencies.get(rowDay);
    if (list) list.push(latency);
    else latencies.set(rowDay, [latency]);
  }
  return {
    days: totals.map((row) => {
      const sorted = (latencies.get(row.day) ?? []).sort((a, b) => a - b);
      return {
        ...row,
        costUsd: round(row.costUsd),
        cacheSavedUsd: round(row.cacheSavedUsd),
        latencyP50Ms: percentile(sorted, 0.5),
        latencyP95Ms: percentile(sorted, 0.95),
      };
    }),
    costByModel: split('upstream_model'),
    costByProvider: split('provider'),
  };
}
