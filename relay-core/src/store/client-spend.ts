import type Database from 'better-sqlite3';
import type { HistorySql } from './history-sql.js';

const spendSql =
  'SELECT COALESCE(SUM(cost_usd), 0) AS spent FROM requests WHERE client = ? AND created_at >= ? AND created_at < ?';

/**
 * What the history holds of a client's spend from `since` up to when this relay started: the
 * client limits count every request recorded after that themselves. Synchronous, for SQLite.
 */
export function createSpendReader(
  db: Database.Database,
  startedAt = Date.now(),
): (client: string, since: number) => number {
  const spend = db.prepare(spendSql);
  return (client, since) => (spend.get(client, since, startedAt) as { spent: number }).spent;
}

/** What the history holds of a client's priced spend from `since` until `until` (unix ms), on either engine. */
export async function spendSince(
  db: HistorySql,
  client: string,
  since: number,
  until: number,
): Promise<number> {
  const [row] = await db.all<{ spent: number }>(spendSql, [client, since, until]);
  return row?.spent ?? 0;
}
