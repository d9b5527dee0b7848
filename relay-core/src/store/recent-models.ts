import type { HistorySql } from './history-sql.js';

/** Model names clients asked for and got an answer to since `since`, the most used first. */
export async function recentModels(db: HistorySql, since: number, limit = 10): Promise<string[]> {
  const rows = await db.all<{ model: string }>(
    `SELECT requested_model AS model FROM requests WHERE created_at >= ? AND status = 'ok'
       GROUP BY requested_model ORDER BY COUNT(*) DESC, MAX(created_at) DESC LIMIT ?`,
    [since, limit],
  );
  return rows.map((row) => row.model);
}
