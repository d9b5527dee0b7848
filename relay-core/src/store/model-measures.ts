import { countIf } from './history-sql.js';
import type { HistorySql } from './history-sql.js';
import { historyWhere, splitRange } from './search-history.js';

/** The windows the model browser measures over. */
export const measureWindows = ['24h', '7d', '30d', 'all'] as const;
export type MeasureWindow = (typeof measureWindows)[number];

const dayMs = 86_400_000;
const windowMs: Record<MeasureWindow, number | undefined> = {
  '24h': dayMs,
  '7d': 7 * dayMs,
  '30d': 30 * dayMs,
  all: undefined,
};

/** When a window starts (unix ms), or undefined for the whole history. */
export function windowStart(window: MeasureWindow, now: number): number | undefined {
  const length = windowMs[window];
  return length === undefined ? undefined : now - length;
}

/**
 * One model's figures at one provider (or a group of them) from the user's own history. Speed
 * and errors come from the upstream tries (attempts), so a failover's wasted time counts against
 * the target that wasted it; use and money come from the requests, as the history page counts them.
 */
export interface ModelMeasures {
  /** Requests answered by (or failed at) this model, cache hits included. */
  requests: number;
  /** Known cost of those requests; absent when none of them was priced (never a made-up $0). */
  spendUsd?: number;
  /** What cache hits saved: their answers' first cost. */
  cacheSavedUsd: number;
  /** Upstream tries that ended in an answer or an error (not hedge losers, not client hang-ups). */
  tries: number;
  /** Failed tries over `tries`, 0 to 1. */
  errorRate?: number;
  /**
   * Time to first token of answered tries, nearest-rank percentiles of the exact values; a
   * non-streamed answer's first token is its whole answer, as the `fastest` strategy counts it.
   */
  ttftP50Ms?: number;
  ttftP95Ms?: number;
  /** Output tokens per second after the first token, over streamed answers only. */
  tokensPerSecond?: number;
}

/** A provider and the model name it was sent, as the history records them. */
export interface MeasuredPair {
  provider: string;
  model: string;
}

/** One group's figures and the pairs it was measured over. */
export interface GroupMeasures extends ModelMeasures {
  key: string;
  pairs: MeasuredPair[];
}

interface PairSums {
  requests: number;
  spend: number;
  priced: number;
  saved: number;
  tries: number;
  failed: number;
  timed: number;
  tokens: number;
  generationMs: number;
}

const firstToken = 'COALESCE(ttft_ms, latency_ms)';
const streamed = "status = 'ok' AND ttft_ms IS NOT NULL AND output_tokens > 0 AND latency_ms > ttft_ms";

/** Sums per pair: requests from the daily rollup (and the partial days at the edges), tries from attempts. */
async function sumPairs(db: HistorySql, from: number | undefined, to: number | undefined) {
  const sums = new Map<string, PairSums & MeasuredPair>();
  const sumsOf = (provider: string, model: string) => {
    const id = JSON.stringify([provider, model]);
    let entry = sums.get(id);
    if (!entry) {
      const zero = { requests: 0, spend: 0, priced: 0, saved: 0, tries: 0, failed: 0, timed: 0 };
      entry = { provider, model, ...zero, tokens: 0, generationMs: 0 };
      sums.set(id, entry);
    }
    return entry;
  };
  type Used = {
    provider: string;
    model: string;
    requests: number;
    spend: number;
    priced: number;
    saved: number;
  };
  const add = (rows: Used[]) => {
    for (const row of rows) {
      const entry = sumsOf(row.provider, row.model);
      entry.requests += row.requests;
      entry.spend += row.spend;
      entry.priced += row.priced;
      entry.saved += row.saved;
    }
  };
  const split = splitRange({ from, to });
  if (split.days) {
    const { sql } = historyWhere(
      {},
      { extra: [...split.days.conditions, "provider != ''", "upstream_model != ''"] },
    );
    const rollup = `SELECT provider, upstream_model AS model, SUM(requests) AS requests, SUM(cost_usd) AS spend,
      SUM(priced) AS priced, SUM(cache_saved_usd) AS saved FROM history_daily ${sql} GROUP BY provider, upstream_model`;
    add(await db.all<Used>(rollup, split.days.params));
  }
  for (const edge of split.edges) {
    const { sql, params } = historyWhere(edge, {
      extra: ['provider IS NOT NULL', 'upstream_model IS NOT NULL'],
    });
    const recent = `SELECT provider, upstream_model AS model, COUNT(*) AS requests, SUM(COALESCE(cost_usd, 0)) AS spend,
      ${countIf('cost_usd IS NOT NULL')} AS priced, SUM(CASE WHEN cache LIKE 'hit%' THEN COALESCE(saved_usd, 0) ELSE 0 END) AS saved
      FROM requests ${sql} GROUP BY provider, upstream_model`;
    add(await db.all<Used>(recent, params));
  }
  const tries = await db.all<
    MeasuredPair & Pick<PairSums, 'tries' | 'failed' | 'timed' | 'tokens' | 'generationMs'>
  >(
    `SELECT provider, upstream_model AS model, COUNT(*) AS tries, ${countIf("status = 'error'")} AS failed,
        ${countIf(`status = 'ok' AND ${firstToken} IS NOT NULL`)} AS timed,
        COALESCE(SUM(CASE WHEN ${streamed} THEN output_tokens END), 0) AS tokens,
        COALESCE(SUM(CASE WHEN ${streamed} THEN latency_ms - ttft_ms END), 0) AS "generationMs"
      FROM attempts WHERE started_at >= ? AND started_at < ? AND status IN ('ok', 'error')
      GROUP BY provider, upstream_model`,
    [from ?? -Number.MAX_SAFE_INTEGER, to ?? Number.MAX_SAFE_INTEGER],
  );
  for (const row of tries) Object.assign(sumsOf(row.provider, row.model), row);
  return [...sums.values()];
}

/**
 * Nearest-rank percentiles (0 to 100) of time to first token over a group's answered tries: the
 * values are read along attempts_model_tries, which holds them, and sorted here. An index ordered
 * by time to first token would spare the sort but cost every history write a random insert.
 */
async function firstTokenPercentiles(
  db: HistorySql,
  pairs: MeasuredPair[],
  range: { from: number; to: number },
  percentiles: readonly number[],
): Promise<Array<number | undefined>> {
  const either = pairs.map(() => '(provider = ? AND upstream_model = ?)').join(' OR ');
  const found = await db.column(
    `SELECT ${firstToken} FROM attempts WHERE (${either}) AND status = 'ok' AND ${firstToken} IS NOT NULL
        AND started_at >= ? AND started_at < ?`,
    [...pairs.flatMap((pair) => [pair.provider, pair.model]), range.from, range.to],
  );
  // numbers from SQLite, numbers or numeric strings from PostgreSQL: the array converts either
  const values = new Float64Array(found as ArrayLike<number>).sort();
  // nearest rank: the smallest value with at least p of the values at or below it
  return percentiles.map((p) => values[Math.ceil((values.length * p) / 100) - 1]);
}

/**
 * Measures the models in the history over `[from, to)`, in SQL: sums per (provider, model) from
 * the daily rollup and the attempts, then exact nearest-rank TTFT percentiles of the tries'
 * values. `keyOf` groups pairs (a catalog entry served by two providers or under an alias is one
 * group); a pair it maps to undefined is left out.
 */
export async function measureModels(
  db: HistorySql,
  range: { from?: number; to?: number },
  keyOf: (pair: MeasuredPair) => string | undefined = (pair) => JSON.stringify([pair.provider, pair.model]),
): Promise<GroupMeasures[]> {
  const groups = new Map<string, PairSums & { pairs: MeasuredPair[] }>();
  for (const { provider, model, ...sums } of await sumPairs(db, range.from, range.to)) {
    const key = keyOf({ provider, model });
    if (key === undefined) continue;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { ...sums, pairs: [{ provider, model }] });
      continue;
    }
    group.pairs.push({ provider, model });
    for (const name of Object.keys(sums) as Array<keyof PairSums>) group[name] += sums[name];
  }
  const bounds = { from: range.from ?? -Number.MAX_SAFE_INTEGER, to: range.to ?? Number.MAX_SAFE_INTEGER };
  return Promise.all(
    [...groups].map(async ([key, group]) => {
      const measures: GroupMeasures = {
        key,
        pairs: group.pairs,
        requests: group.requests,
        cacheSavedUsd: round(group.saved),
        tries: group.tries,
      };
      if (group.priced > 0) measures.spendUsd = round(group.spend);
      if (group.tries > 0) measures.errorRate = group.failed / group.tries;
      if (group.timed > 0)
        [measures.ttftP50Ms, measures.ttftP95Ms] = await firstTokenPercentiles(
          db,
          group.pairs,
          bounds,
          [50, 95],
        );
      if (group.generationMs > 0)
        measures.tokensPerSecond = Math.round((group.tokens / group.generationMs) * 10_000) / 10;
      return measures;
    }),
  );
}

const round = (value: number) => Math.round(value * 1e10) / 1e10;
