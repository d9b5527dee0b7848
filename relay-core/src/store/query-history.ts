import type Database from 'better-sqlite3';
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
    const name = key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
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
export function listRequests(db: Database.Database, query: ListRequestsQuery = {}): RequestRow[] {
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
  const sql = `SELECT * FROM requests ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`;
  const limit = query.limit !== undefined && Number.isFinite(query.limit) ? Math.trunc(query.limit) : 100;
  params.push(Math.max(1, Math.min(limit, 10_000)));
  return (db.prepare(sql).all(...params) as Array<Record<string, unknown>>).map(
    (row) => camel(row) as unknown as RequestRow,
  );
}

/** One request with its attempt timeline, or undefined. */
export function getRequest(
  db: Database.Database,
  id: string,
): (RequestRow & { attempts: AttemptRow[] }) | undefined {
  const row = db.prepare('SELECT * FROM requests WHERE id = ?').get(id) as
    Record<string, unknown> | undefined;
  if (!row) return undefined;
  const attempts = db
    .prepare('SELECT * FROM attempts WHERE request_id = ? ORDER BY attempt_index')
    .all(id) as Array<Record<string, unknown>>;
  return {
    ...(camel(row) as unknown as RequestRow),
    attempts: attempts.map((attempt) => {
      const { requestId: _requestId, fitted, ...rest } = camel(attempt);
      // stored as JSON; the drawer lists each change
      if (typeof fitted === 'string') rest.fitted = JSON.parse(fitted) as unknown;
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
export function summarizeCost(db: Database.Database, query: { since?: number } = {}): CostSummary {
  const since = query.since ?? 0;
  const row = db
    .prepare(
      `SELECT COALESCE(SUM(cost_usd), 0) AS cost, SUM(unpriced) AS unpriced, COUNT(*) AS requests,
        COALESCE(SUM(saved_usd), 0) AS saved, SUM(cache LIKE 'hit-%') AS hits
      FROM requests WHERE created_at >= ?`,
    )
    .get(since) as {
    cost: number;
    unpriced: number | null;
    requests: number;
    saved: number;
    hits: number | null;
  };
  const round = (value: number) => Math.round(value * 1e10) / 1e10;
  return {
    costUsd: round(row.cost),
    unpriced: row.unpriced ?? 0,
    requests: row.requests,
    savedUsd: round(row.saved),
    cacheHits: row.hits ?? 0,
  };
}
