import type Database from 'better-sqlite3';
import { rollupDayMs } from './history-rollup-sql.js';

/** What the history says about one client: its latest request and what it spent since a day. */
export interface ClientActivity {
  /** When its latest request arrived (unix ms); undefined when it never sent one. */
  lastRequestAt?: number;
  /** Priced spend from the start of the UTC day of `since`, USD. */
  spentUsd: number;
  /** Requests from the start of that day. */
  requests: number;
}

/**
 * The activity of each named client (a client key's name). Read from the daily rollup, then the
 * requests of one day only: a client's latest request without scanning the whole history.
 * Days are UTC days, as the clients' daily budgets count them.
 */
export function clientActivity(
  db: Database.Database,
  names: readonly string[],
  since: number,
): Map<string, ClientActivity> {
  const totals = db.prepare(
    `SELECT COALESCE(SUM(cost_usd), 0) AS spent, COALESCE(SUM(requests), 0) AS requests
     FROM history_daily WHERE client = ? AND day >= ?`,
  );
  const lastDay = db.prepare('SELECT MAX(day) AS day FROM history_daily WHERE client = ? AND requests > 0');
  const lastRequest = db.prepare(
    'SELECT MAX(created_at) AS at FROM requests WHERE created_at >= ? AND created_at < ? AND client = ?',
  );
  const firstDay = Math.floor(since / rollupDayMs);
  return new Map(
    names.map((name) => {
      const { spent, requests } = totals.get(name, firstDay) as { spent: number; requests: number };
      const { day } = lastDay.get(name) as { day: number | null };
      const at =
        day === null
          ? null
          : (lastRequest.get(day * rollupDayMs, (day + 1) * rollupDayMs, name) as { at: number | null }).at;
      return [
        name,
        {
          ...(at === null ? {} : { lastRequestAt: at }),
          spentUsd: Math.round(spent * 1e10) / 1e10,
          requests,
        },
      ];
    }),
  );
}
