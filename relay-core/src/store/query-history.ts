import { countIf } from './history-sql.js';
import type { HistorySql } from './history-sql.js';
import type { AttemptRecord, RequestRecord } from './history-records.js';

/** A request as the admin API and UI see it: the stored record, NULLs as absent fields (cost stays null). */
export type RequestRow = Omit<RequestRecord, 'attempts'>;

/** One attempt of a request, as stored. */
export type AttemptRow = AttemptRecord;

const booleans = new Set(['stream', 'usage_estimated', 'unpriced']);

/** snake_case columns → camelCase fields; 0/1 flags → booleans; NULL → absent, except the cost (null = unpriced). */
function camel(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const name = key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
    if (booleans.has(key)) out[name] = value === 1;
    else if (key === 'cost_usd') out[name] = value;
    else if (value !== null) out[name] = value;
  }
  return out;
}

/** Filters and keyset page of listRequests. */
export interface ListRequestsQuery {
  /** Rows to return, 1–10,000 (default 100). */
  limit?: number;
  /** Only requests created before this time (unix ms): the next page after the last row's createdAt. */
  beforeCreatedAt?: number;
  provider?: string;
  status?: string;
}

/** Newest requests first (without attempts), keyset-paginated by created_at. */
export async function listRequests(sql: HistorySql, query: ListRequestsQuery = {}): Promise<RequestRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.beforeCreatedAt !== undefined) {
    where.push('created_at < ?');
    params.push(query.beforeCreatedAt);
  }
  if (query.provider !== undefined) {
    where.push('provider = ?');
    params.push(query.provider);
  }
  if (query.status !== undefined) {
    where.push('status = ?');
    params.push(query.status);
  }
  const limit = query.limit !== undefined && Number.isFinite(query.limit) ? Math.trunc(query.limit) : 100;
  params.push(Math.max(1, Math.min(limit, 10_000)));
  const rows = await sql.all(
    `SELECT * FROM requests ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`,
    params,
  );
  return rows.map((row) => camel(row) as unknown as RequestRow);
}

/** A JSON column: text on SQLite, already parsed (jsonb) on PostgreSQL. */
const parsed = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value);

/** One request with its attempt timeline, or undefined. */
export async function getRequest(
  sql: HistorySql,
  id: string,
): Promise<(RequestRow & { attempts: AttemptRow[] }) | undefined> {
  const [row] = await sql.all('SELECT * FROM requests WHERE id = ?', [id]);
  if (!row) return undefined;
  const attempts = await sql.all('SELECT * FROM attempts WHERE request_id = ? ORDER BY attempt_index', [id]);
  return {
    ...(camel(row) as unknown as RequestRow),
    attempts: attempts.map((attempt) => {
      const { requestId: _requestId, fitted, gates, ...rest } = camel(attempt);
      // stored as JSON; the drawer lists each change and each gate's verdict
      if (fitted !== undefined) rest.fitted = parsed(fitted);
      if (gates !== undefined) rest.gates = parsed(gates);
      return rest as unknown as AttemptRow;
    }),
  };
}

/** Spending since a time: `costUsd` sums priced requests only; `unpriced` counts the others. */
export interface CostSummary {
  costUsd: number;
  unpriced: number;
  requests: number;
  /** What cache hits would have cost upstream. */
  savedUsd: number;
  /** Requests answered from the cache (exact or semantic). */
  cacheHits: number;
}

/** Total known cost, how many requests had no price, and how many requests, since a time (unix ms). */
export async function summarizeCost(sql: HistorySql, query: { since?: number } = {}): Promise<CostSummary> {
  const since = query.since ?? 0;
  const [row] = (await sql.all(
    `SELECT COALESCE(SUM(cost_usd), 0) AS cost, SUM(unpriced) AS unpriced, COUNT(*) AS requests,
        COALESCE(SUM(saved_usd), 0) AS saved, ${countIf("cache LIKE 'hit-%'")} AS hits
      FROM requests WHERE created_at >= ?`,
    [since],
  )) as [{ cost: number; unpriced: number | null; requests: number; saved: number; hits: number | null }];
  const round = (value: number) => Math.round(value * 1e10) / 1e10;
  return {
    costUsd: round(row.cost),
    unpriced: row.unpriced ?? 0,
    requests: row.requests,
    savedUsd: round(row.saved),
    cacheHits: row.hits ?? 0,
  };
}
