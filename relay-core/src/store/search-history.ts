import { usageCounts } from '../canonical/types.js';
import { rollupDayMs } from './history-rollup-sql.js';
import type { HistorySql } from './history-sql.js';
import type { RequestRow } from './query-history.js';
import { usageColumns } from './usage-columns.js';

/** The history page's filters; every field optional. Times are unix ms, `to` exclusive. */
export interface HistoryFilter {
  from?: number;
  to?: number;
  client?: string;
  /** Matches the requested model (a route, a catalog name or `provider/model`) or the upstream model. */
  model?: string;
  provider?: string;
  status?: 'ok' | 'error' | 'client_closed';
  /** `hit` matches both exact and semantic hits. */
  cache?: 'miss' | 'hit' | 'hit-exact' | 'hit-semantic' | 'bypass';
}

/**
 * SQL `WHERE` for a filter, with its parameters in order. The rollup (history_daily) has the
 * same column names for everything but time, so `time: false` gives its conditions.
 */
export function historyWhere(
  filter: HistoryFilter,
  options: { time?: boolean; extra?: string[] } = {},
): { sql: string; params: unknown[] } {
  const where: string[] = [...(options.extra ?? [])];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (options.time !== false && filter.from !== undefined) add('created_at >= ?', filter.from);
  if (options.time !== false && filter.to !== undefined) add('created_at < ?', filter.to);
  if (filter.client !== undefined) add('client = ?', filter.client);
  if (filter.model !== undefined)
    add('(requested_model = ? OR upstream_model = ?)', filter.model, filter.model);
  if (filter.provider !== undefined) add('provider = ?', filter.provider);
  if (filter.status !== undefined) add('status = ?', filter.status);
  if (filter.cache === 'hit') add("cache IN ('hit-exact', 'hit-semantic')");
  else if (filter.cache !== undefined) add('cache = ?', filter.cache);
  return { sql: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** The request columns a history page shows, as the camelCase fields of RequestRow. */
export const requestColumns = `id, created_at AS "createdAt", client, dialect, requested_model AS "requestedModel", route,
  provider, upstream_model AS "upstreamModel", status, http_status AS "httpStatus", error_code AS "errorCode",
  error_message AS "errorMessage",
  stream, ttft_ms AS "ttftMs", latency_ms AS "latencyMs", overhead_ms AS "overheadMs",
  ${usageCounts.map((name) => `${usageColumns[name]} AS "${name}"`).join(', ')},
  usage_estimated AS "usageEstimated", cost_usd AS "costUsd", unpriced, cache, attempt_count AS "attemptCount"`;

/** A selected `requestColumns` row as the admin API sends it: flags as booleans, NULL as absent. */
export function toRequestRow(raw: Record<string, unknown>): RequestRow {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'stream' || key === 'usageEstimated' || key === 'unpriced') row[key] = value === 1;
    else if (key === 'costUsd' || value !== null) row[key] = value;
  }
  return row as unknown as RequestRow;
}

/**
 * One page of the history table, newest first: rows `offset` to `offset + limit` among the
 * requests matching `filter`, and how many match in all (the virtualized table's height).
 */
export async function searchHistory(
  sql: HistorySql,
  filter: HistoryFilter,
  page: { offset?: number; limit?: number } = {},
): Promise<{ total: number; rows: RequestRow[] }> {
  const where = historyWhere(filter);
  const limit = Math.max(1, Math.min(Math.trunc(page.limit ?? 100), 10_000));
  const offset = Math.max(0, Math.trunc(page.offset ?? 0));
  const [{ total }] = (await sql.all(
    `SELECT COUNT(*) AS total FROM requests ${where.sql}`,
    where.params,
  )) as [{ total: number }];
  const query =
    sql.engine === 'sqlite'
      ? // skip `offset` rows inside the created_at index (it holds the rowid), then read only the page
        `SELECT ${requestColumns} FROM requests WHERE rowid IN (SELECT rowid FROM requests ${where.sql} ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?) ORDER BY created_at DESC, rowid DESC`
      : `SELECT ${requestColumns} FROM requests ${where.sql} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`;
  const rows = await sql.all(query, [...where.params, limit, offset]);
  return { total: Number(total), rows: rows.map(toRequestRow) };
}

/** The distinct values the filter menus offer (clients, models, providers) since a time, from the rollup. */
export async function historyFacets(
  sql: HistorySql,
  since: number,
): Promise<{ clients: string[]; models: string[]; providers: string[] }> {
  const distinct = async (column: string) =>
    (
      await sql.all<{ value: string }>(
        `SELECT DISTINCT ${column} AS value FROM history_daily WHERE day >= ? AND ${column} != '' AND requests > 0 ORDER BY value LIMIT 200`,
        [Math.floor(since / rollupDayMs)],
      )
    ).map((row) => row.value);
  return {
    clients: await distinct('client'),
    models: await distinct('requested_model'),
    providers: await distinct('provider'),
  };
}

/**
 * A time range as whole UTC days (answered from the rollup) plus up to two partial days at its
 * edges (answered from the requests themselves).
 */
export function splitRange(filter: Pick<HistoryFilter, 'from' | 'to'>): {
  days?: { conditions: string[]; params: number[] };
  edges: Array<{ from?: number; to?: number }>;
} {
  const { from, to } = filter;
  const firstDay = from === undefined ? undefined : Math.ceil(from / rollupDayMs);
  const endDay = to === undefined ? undefined : Math.floor(to / rollupDayMs);
  if (firstDay !== undefined && endDay !== undefined && firstDay >= endDay) return { edges: [{ from, to }] };
  const conditions: string[] = [];
  const params: number[] = [];
  const edges: Array<{ from?: number; to?: number }> = [];
  if (firstDay !== undefined) {
    conditions.push('day >= ?');
    params.push(firstDay);
    if (from! < firstDay * rollupDayMs) edges.push({ from, to: firstDay * rollupDayMs });
  }
  if (endDay !== undefined) {
    conditions.push('day < ?');
    params.push(endDay);
    if (endDay * rollupDayMs < to!) edges.push({ from: endDay * rollupDayMs, to });
  }
  return { days: { conditions, params }, edges };
}
