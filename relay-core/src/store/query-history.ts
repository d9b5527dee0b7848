import type Database from 'better-sqlite3';
import type { AttemptRecord, RequestRecord } from './history-writer.js';

/** A request as the admin API and UI see it: the stored record, NULLs as absent fields (cost stays null). */
export type RequestRow = Omit<RequestRecord, 'attempts'>;

/** One attempt of a request, as stored. */
export type AttemptRow = AttemptRecord;

const booleans = new Set(['stream', 'usage_estimated', 'unpriced']);

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

export interface ListRequestsQuery {
  limit?: number;
  beforeCreatedAt?: number;
  provider?: string;
  status?: string;
}

/** Newest requests first, keyset-paginated by created_at. */
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
  const sql = `SELECT * FROM requests ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC LIMIT ?`;
  params.push(Math.max(1, Math.min(query.limit ?? 100, 10_000)));
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
      const { requestId: _requestId, ...rest } = camel(attempt);
      return rest as unknown as AttemptRow;
    }),
  };
}

/** Total known cost, how many requests had no price, and how many requests, since a time. */
export function summarizeCost(
  db: Database.Database,
  since = 0,
): { costUsd: number; unpriced: number; requests: number } {
  const row = db
    .prepare(
      'SELECT COALESCE(SUM(cost_usd), 0) AS cost, SUM(unpriced) AS unpriced, COUNT(*) AS requests FROM requests WHERE created_at >= ?',
    )
    .get(since) as { cost: number; unpriced: number | null; requests: number };
  return { costUsd: row.cost, unpriced: row.unpriced ?? 0, requests: row.requests };
}
