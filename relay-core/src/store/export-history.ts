import type { HistorySql } from './history-sql.js';
import type { RequestRow } from './query-history.js';
import { historyWhere, requestColumns, toRequestRow } from './search-history.js';
import type { HistoryFilter } from './search-history.js';

const pageRows = 1000;

/**
 * Every request matching `filter`, newest first, read a thousand at a time after the last row
 * read (created_at, then id), so an export of millions of rows holds one page in memory.
 */
export async function* exportRequests(sql: HistorySql, filter: HistoryFilter): AsyncGenerator<RequestRow> {
  let after: { createdAt: number; id: string } | undefined;
  for (;;) {
    const where = historyWhere(filter, {
      extra: after ? ['(created_at < ? OR (created_at = ? AND id < ?))'] : [],
    });
    const params = after ? [after.createdAt, after.createdAt, after.id, ...where.params] : where.params;
    const rows = await sql.all(
      `SELECT ${requestColumns} FROM requests ${where.sql} ORDER BY created_at DESC, id DESC LIMIT ?`,
      [...params, pageRows],
    );
    for (const row of rows) yield toRequestRow(row);
    if (rows.length < pageRows) return;
    const last = rows.at(-1)!;
    after = { createdAt: last.createdAt as number, id: last.id as string };
  }
}
