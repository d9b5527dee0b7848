import { usageCounts } from '../canonical/types.js';
import type { Usage, UsageCount } from '../canonical/types.js';
import { computeCost } from '../catalog/compute-cost.js';
import type { CatalogEntry } from '../catalog/catalog-types.js';
import { usageColumns } from './usage-columns.js';
import { historyWhere } from './search-history.js';
import type { HistoryFilter } from './search-history.js';
import { dayName } from './history-sql.js';
import type { HistorySql } from './history-sql.js';

export interface RepriceDay {
  day: string;
  requests: number;
  /** What the requests cost where they ran (priced requests only). */
  recordedCostUsd: number;
  /** Requests whose model had no price when they ran. */
  unpricedRequests: number;
  /** What the same tokens would have cost at the target's prices. */
  whatIfCostUsd: number;
}

/**
 * What-if re-pricing: the recorded token counts of the requests the history filter matches, per
 * day, priced at another model's prices. Failed requests are left out: they bought no answer, so
 * they would have cost nothing on the target either. Tokens are summed in SQL (one pass over the
 * created_at index); a long-context tier is honoured by summing requests above and below its
 * (first) threshold apart, a daily price window (DeepSeek's peak hours) by summing each minute of
 * the day apart.
 */
export async function repriceHistory(
  db: HistorySql,
  filter: HistoryFilter,
  target: CatalogEntry,
): Promise<RepriceDay[]> {
  const { sql, params } = historyWhere(filter, { extra: ["status != 'error'"] });
  const threshold =
    target.tiers?.map((tier) => tier.aboveInputTokens).sort((a, b) => a - b)[0] ?? Number.MAX_SAFE_INTEGER;
  const minuteOfDay = target.conditions?.some((condition) => condition.utcWindow)
    ? '(created_at / 60000) % 1440'
    : '0';
  // every token count, summed per day (a count a request did not report adds nothing to its part)
  const sums = usageCounts.map((name) => `COALESCE(SUM(${usageColumns[name]}), 0) AS "${name}"`).join(', ');
  const rows = (await db.all(
    `SELECT ${dayName(db, 'created_at')} AS day, COALESCE(input_tokens, 0) > ? AS above,
        ${minuteOfDay} AS minute, MIN(created_at) AS at,
        COUNT(*) AS requests, COALESCE(SUM(cost_usd), 0) AS recorded, SUM(unpriced) AS unpriced, ${sums}
      FROM requests ${sql} GROUP BY day, above, minute ORDER BY day`,
    [threshold, ...params],
  )) as Array<
    Record<UsageCount, number> & {
      day: string;
      above: number | boolean;
      at: number;
      requests: number;
      recorded: number;
      unpriced: number;
    }
  >;
  const days = new Map<string, RepriceDay>();
  for (const row of rows) {
    const day = days.get(row.day) ?? {
      day: row.day,
      requests: 0,
      recordedCostUsd: 0,
      unpricedRequests: 0,
      whatIfCostUsd: 0,
    };
    const usage: Usage = { inputTokens: row.inputTokens, outputTokens: row.outputTokens };
    for (const name of usageCounts) usage[name] = row[name];
    day.requests += row.requests;
    day.recordedCostUsd += row.recorded;
    day.unpricedRequests += row.unpriced;
    day.whatIfCostUsd +=
      computeCost(usage, target, {
        tierInputTokens: row.above ? threshold + 1 : 0,
        at: row.at,
        requests: row.requests,
      }) ?? 0;
    days.set(row.day, day);
  }
  return [...days.values()].map((day) => ({
    ...day,
    recordedCostUsd: Math.round(day.recordedCostUsd * 1e10) / 1e10,
    whatIfCostUsd: Math.round(day.whatIfCostUsd * 1e10) / 1e10,
  }));
}
