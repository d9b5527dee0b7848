import type Database from 'better-sqlite3';
import type { RequestRow } from './query-history.js';

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

/** SQL `WHERE` for a filter, with its parameters in order. */
export function historyWhere(filter: HistoryFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (filter.from !== undefined) add('created_at >= ?', filter.from);
  if (filter.to !== undefined) add('created_at < ?', filter.to);
  if (filter.client !== undefined) add('client = ?', filter.client);
  if (filter.model !== undefined)
    add('(requested_model = ? OR upstream_model = ?)', filter.model, filter.model);
  if (filter.provider !== undefined) add('provider = ?', filter.provider);
  if (filter.status !== undefined) add('status = ?', filter.status);
  if (filter.cache === 'hit') add("cache IN ('hit-exact', 'hit-semantic')");
  else if (filter.cache !== undefined) add('cache = ?', filter.cache);
  return { sql: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params };
}

const columns = `id, created_at AS createdAt, client, dialect, requested_model AS requestedModel, route,
  provider, upstream_model AS upstreamModel, status, http_status AS httpStatus, error_code AS errorCode,
  stream, ttft_ms AS ttftMs, latency_ms AS latencyMs, overhead_ms AS overheadMs,
  input_tokens AS inputTokens, output_tokens AS outputTokens, cache_read_tokens AS cacheReadTokens,
  cache_write_tokens AS cacheWriteTokens, reasoning_tokens AS reasoningTokens,
  usage_estimated AS usageEstimated, cost_usd AS costUsd, unpriced, cache, attempt_count AS attemptCount`;

function toRow(raw: Record<string, unknown>): RequestRow {
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
export function searchHistory(
  db: Database.Database,
  filter: HistoryFilter,
  page: { offset?: number; limit?: number } = {},
): { total: number; rows: RequestRow[] } {
  const { sql, params } = historyWhere(filter);
  const limit = Math.max(1, Math.min(Math.trunc(page.limit ?? 100), 10_000));
  const offset = Math.max(0, Math.trunc(page.offset ?? 0));
  const total = (
    db.prepare(`SELECT COUNT(*) AS total FROM requests ${sql}`).get(...params) as { total: number }
  ).total;
  const rows = db
    .prepare(`SELECT ${columns} FROM requests ${sql} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`)
    .all(...params, limit, offset) as Array<Record<string, unknown>>;
  return { total, rows: rows.map(toRow) };
}

/** The distinct values the filter menus offer (clients, models, providers) among recent requests. */
export function historyFacets(
  db: Database.Database,
  since: number,
): { clients: string[]; models: string[]; providers: string[] } {
  const distinct = (column: string) =>
    (
      db
        .prepare(
          `SELECT DISTINCT ${column} AS value FROM requests WHERE created_at >= ? AND ${column} IS NOT NULL ORDER BY value LIMIT 200`,
        )
        .all(since) as Array<{ value: string }>
    ).map((row) => row.value);
  return {
    clients: distinct('client'),
    models: distinct('requested_model'),
    providers: distinct('provider'),
  };
}
