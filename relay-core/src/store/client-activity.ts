import type { HistorySql } from './history-sql.js';
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
export async function clientActivity(
  db: HistorySql,
  names: readonly string[],
  since: number,
): Promise<Map<string, ClientActivity>> {
  const firstDay = Math.floor(since / rollupDayMs);
  const activity = async (name: string): Promise<[string, ClientActivity]> => {
    const [{ spent, requests }] = (await db.all(
      `SELECT COALESCE(SUM(cost_usd), 0) AS spent, COALESCE(SUM(requests), 0) AS requests
       FROM history_daily WHERE client = ? AND day >= ?`,
      [name, firstDay],
    )) as [{ spent: number; requests: number }];
    const [{ day }] = (await db.all(
      'SELECT MAX(day) AS day FROM history_daily WHERE client = ? AND requests > 0',
      [name],
    )) as [{ day: number | null }];
    const at =
      day === null
        ? null
        : (
            (await db.all(
              'SELECT MAX(created_at) AS at FROM requests WHERE created_at >= ? AND created_at < ? AND client = ?',
              [day * rollupDayMs, (day + 1) * rollupDayMs, name],
            )) as [{ at: number | null }]
          )[0].at;
    return [
      name,
      { ...(at === null ? {} : { lastRequestAt: at }), spentUsd: Math.round(spent * 1e10) / 1e10, requests },
    ];
  };
  return new Map(await Promise.all(names.map(activity)));
}
