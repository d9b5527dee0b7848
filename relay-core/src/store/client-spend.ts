import type Database from 'better-sqlite3';

/**
 * What the history holds of a client's spend from `since` up to when this relay started: the
 * client limits count every request recorded after that themselves.
 */
export function createSpendReader(
  db: Database.Database,
  startedAt = Date.now(),
): (client: string, since: number) => number {
  const spend = db.prepare(
    'SELECT COALESCE(SUM(cost_usd), 0) AS spent FROM requests WHERE client = ? AND created_at >= ? AND created_at < ?',
  );
  return (client, since) => (spend.get(client, since, startedAt) as { spent: number }).spent;
}
