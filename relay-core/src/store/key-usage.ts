import type { HistorySql } from './history-sql.js';

/** What one provider key was used for over a period: upstream requests and their cost. */
export interface KeyUsage {
  provider: string;
  keyName: string;
  /** Upstream requests sent with the key (a request that failed over counts once per key tried). */
  requests: number;
  /** What those requests cost, priced ones only. */
  costUsd: number;
  /** Requests whose model has no price, not in `costUsd`. */
  unpricedRequests: number;
}

/**
 * Spend and requests per provider key since a time (unix ms), from the attempts the history
 * recorded: a key is charged for every attempt made with it, including one that lost a hedge.
 */
export function keyUsage(db: HistorySql, since: number): Promise<KeyUsage[]> {
  return db.all<KeyUsage>(
    `SELECT a.provider AS provider, a.key_name AS "keyName", COUNT(*) AS requests,
        COALESCE(SUM(a.cost_usd), 0) AS "costUsd", SUM(a.unpriced) AS "unpricedRequests"
      FROM requests r JOIN attempts a ON a.request_id = r.id
      WHERE r.created_at >= ? AND a.key_name IS NOT NULL
      GROUP BY a.provider, a.key_name
      ORDER BY a.provider, a.key_name`,
    [since],
  );
}
