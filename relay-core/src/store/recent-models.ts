import type Database from 'better-sqlite3';

/** Model names clients asked for and got an answer to since `since`, the most used first. */
export function recentModels(db: Database.Database, since: number, limit = 10): string[] {
  const rows = db
    .prepare(
      `SELECT requested_model AS model FROM requests WHERE created_at >= ? AND status = 'ok'
       GROUP BY requested_model ORDER BY COUNT(*) DESC, MAX(created_at) DESC LIMIT ?`,
    )
    .all(since, limit) as Array<{ model: string }>;
  return rows.map((row) => row.model);
}
