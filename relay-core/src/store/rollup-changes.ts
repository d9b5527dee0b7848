import { latencyBucket } from './history-stats.js';
import { latencyBuckets, rollupDayMs, rollupMeasures } from './history-rollup-sql.js';
import { orNull } from './usage-columns.js';
import type { RequestRecord } from './history-records.js';

/** What one request row adds to (sign 1) or takes from (sign -1) its rollup row. */
export interface RollupRow {
  created_at: number;
  client: string | null;
  requested_model: string;
  upstream_model: string | null;
  provider: string | null;
  status: string;
  cache: string;
  latency_ms: number | null;
  cost_usd: number | null;
  saved_usd: number | null;
}

/** A request record as the rollup counts it. */
export function rollupRowOf(record: RequestRecord): RollupRow {
  return {
    created_at: record.createdAt,
    client: orNull(record.client),
    requested_model: record.requestedModel,
    upstream_model: orNull(record.upstreamModel),
    provider: orNull(record.provider),
    status: record.status,
    cache: record.cache,
    latency_ms: orNull(record.latencyMs),
    // an unpriced request adds nothing to the cost, and is not counted as priced
    cost_usd: record.unpriced ? null : record.costUsd,
    saved_usd: orNull(record.savedUsd),
  };
}

/** Within a batch the last record of a request id wins: the rollup counts each request once. */
export function lastOfEachId(batch: readonly RequestRecord[]): readonly RequestRecord[] {
  const ids = new Set<string>();
  for (const record of batch) ids.add(record.id);
  // ids are new but for a request written again: most batches are what they were
  if (ids.size === batch.length) return batch;
  return [...new Map(batch.map((record) => [record.id, record])).values()];
}

/**
 * The rollup's changes for rows added and removed, summed per rollup row (history_daily's key,
 * then its measures, then its latency buckets, as history-rollup-sql.ts's `rollupColumns` lists them), in key order so two
 * writers updating the same rows take their locks in the same order.
 */
export function rollupChanges(added: readonly RollupRow[], removed: readonly RollupRow[]): unknown[][] {
  const changes = new Map<string, { key: unknown[]; sums: number[] }>();
  let last: { key: unknown[]; sums: number[] } | undefined;
  const apply = (row: RollupRow, sign: number) => {
    const day = Math.floor(row.created_at / rollupDayMs);
    const client = row.client ?? '';
    const upstreamModel = row.upstream_model ?? '';
    const provider = row.provider ?? '';
    const key = last?.key;
    // a batch is mostly one rollup row after another: the last one found is tried first
    let change =
      key &&
      key[0] === day &&
      key[1] === client &&
      key[2] === row.requested_model &&
      key[3] === upstreamModel &&
      key[4] === provider &&
      key[5] === row.status &&
      key[6] === row.cache
        ? last
        : undefined;
    if (!change) {
      const id = `${day}\0${client}\0${row.requested_model}\0${upstreamModel}\0${provider}\0${row.status}\0${row.cache}`;
      change = changes.get(id);
      if (!change) {
        const newKey = [day, client, row.requested_model, upstreamModel, provider, row.status, row.cache];
        change = { key: newKey, sums: new Array<number>(rollupMeasures.length + latencyBuckets).fill(0) };
        changes.set(id, change);
      }
      last = change;
    }
    const { sums } = change;
    sums[0]! += sign;
    if (row.status === 'error') sums[1]! += sign;
    sums[2]! += sign * (row.cost_usd ?? 0);
    if (row.cost_usd !== null) sums[3]! += sign;
    // what a hit saved is what its answer cost when bought; the hit itself costs nothing
    if (row.cache.startsWith('hit')) sums[4]! += sign * (row.saved_usd ?? 0);
    const bucket = latencyBucket(row.latency_ms);
    if (bucket >= 0) sums[rollupMeasures.length + bucket]! += sign;
  };
  for (const row of removed) apply(row, -1);
  for (const row of added) apply(row, 1);
  return [...changes]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, { key, sums }]) => [...key, ...sums]);
}
