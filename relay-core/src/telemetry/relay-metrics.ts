import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
import type { Metric } from 'prom-client';
import type { RequestRecord } from '../store/history-records.js';
import { failoverReasonOf } from './failover-reason.js';

/** The relay's Prometheus metrics, counted from each finished request. */
export interface RelayMetrics {
  observe(record: RequestRecord): void;
  /** The Prometheus text exposition of every metric, with its content type. */
  scrape(): Promise<{ contentType: string; text: string }>;
  close(): void;
}

// upstream answers take seconds to minutes; the relay's own time is measured in milliseconds
const answerBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120, 300];
const overheadBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

const seconds = (ms: number) => ms / 1000;

/**
 * A counter's increments summed per label set until the next scrape: prom-client checks and hashes
 * the labels on every call, which on the request path costs more than the counting.
 */
function pendingIncrements<Label extends string>(counter: Counter<Label>) {
  const sums = new Map<string, { labels: Partial<Record<Label, string>>; value: number }>();
  return {
    /** `key` names the label set (its values joined), so the labels are kept once per set. */
    add(key: string, labels: () => Partial<Record<Label, string>>, by = 1): void {
      const sum = sums.get(key);
      if (sum) sum.value += by;
      else sums.set(key, { labels: labels(), value: by });
    },
    flush(): void {
      for (const { labels, value } of sums.values()) counter.inc(labels, value);
      sums.clear();
    },
  };
}

/** One label set's observations, bucketed as they come. */
interface BucketCounts {
  labels: Record<string, string>;
  /** Per bucket, the observations up to its bound and above the one before. */
  counts: number[];
  sum: number;
  count: number;
}

/**
 * A histogram counted here and read by the registry at scrape, in prom-client's own export shape:
 * prom-client's Histogram checks and hashes the labels on every observation, which on the request
 * path costs more than the counting.
 */
function bucketHistogram(
  registry: Registry,
  {
    name,
    help,
    buckets,
    unlabelled = false,
  }: { name: string; help: string; buckets: readonly number[]; unlabelled?: boolean },
) {
  const sets = new Map<string, BucketCounts>();
  const zero = (labels: Record<string, string>) => ({
    labels,
    counts: buckets.map(() => 0),
    sum: 0,
    count: 0,
  });
  // one without labels shows its zeros before the first observation, as prom-client's does
  if (unlabelled) sets.set('', zero({}));
  const exported = () =>
    [...sets.values()].flatMap(({ labels, counts, sum, count }) => {
      let below = 0;
      return [
        ...buckets.map((le, index) => ({
          metricName: `${name}_bucket`,
          labels: { le },
          sharedLabels: labels,
          value: (below += counts[index]!),
        })),
        { metricName: `${name}_bucket`, labels: { le: '+Inf' }, sharedLabels: labels, value: count },
        { metricName: `${name}_sum`, labels: {}, sharedLabels: labels, value: sum },
        { metricName: `${name}_count`, labels: {}, sharedLabels: labels, value: count },
      ];
    });
  const metric = {
    name,
    help,
    type: 'histogram',
    aggregator: 'sum',
    // the registry's text exposition reads this one; `get` is the JSON form, labels merged
    getForPromString: async () => ({ name, help, type: 'histogram', aggregator: 'sum', values: exported() }),
    get: async () => ({
      name,
      help,
      type: 'histogram',
      aggregator: 'sum',
      values: exported().map(({ labels, sharedLabels, ...value }) => ({
        ...value,
        labels: { ...labels, ...sharedLabels },
      })),
    }),
    reset: () => sets.clear(),
  };
  registry.registerMetric(metric as unknown as Metric);
  return {
    /** `key` names the label set (its values joined), so the labels are kept once per set. */
    observe(key: string, labels: () => Record<string, string>, value: number): void {
      let set = sets.get(key);
      if (!set) {
        set = zero(labels());
        sets.set(key, set);
      }
      const index = buckets.findIndex((bound) => value <= bound);
      if (index >= 0) set.counts[index]! += 1;
      set.sum += value;
      set.count += 1;
    },
  };
}

/**
 * Counters and histograms on a registry of the relay's own (not prom-client's global one, which two
 * relays in one process would share). Process metrics are added when the first scrape asks, so a
 * relay nobody scrapes measures nothing more than its counters.
 */
export function createRelayMetrics(): RelayMetrics {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Counter({
    name: 'switchboard_requests_total',
    help: 'Client requests by inbound dialect, route, HTTP status and outcome.',
    labelNames: ['dialect', 'route', 'status', 'outcome'] as const,
    registers,
  });
  const attempts = new Counter({
    name: 'switchboard_attempts_total',
    help: 'Tries of an upstream by provider, model and outcome (ok, error, client_closed, cancelled).',
    labelNames: ['provider', 'model', 'outcome'] as const,
    registers,
  });
  const failovers = new Counter({
    name: 'switchboard_failovers_total',
    help: 'Failed tries after which the relay moved on to the next target, by the reason.',
    labelNames: ['provider', 'model', 'reason'] as const,
    registers,
  });
  const cacheHits = new Counter({
    name: 'switchboard_cache_hits_total',
    help: 'Requests answered from the answer cache, exact or semantic.',
    labelNames: ['kind'] as const,
    registers,
  });
  const spend = new Counter({
    name: 'switchboard_spend_usd_total',
    help: 'What upstream tries cost, in US dollars, by provider (unpriced models count nothing).',
    labelNames: ['provider'] as const,
    registers,
  });
  const ttft = bucketHistogram(registry, {
    name: 'switchboard_ttft_seconds',
    help: "Time from a request's arrival to the first byte of its answer, by the answering provider.",
    buckets: answerBuckets,
  });
  const latency = bucketHistogram(registry, {
    name: 'switchboard_request_duration_seconds',
    help: "Time from a request's arrival to the end of its answer, by the answering provider.",
    buckets: answerBuckets,
  });
  const overhead = bucketHistogram(registry, {
    name: 'switchboard_overhead_seconds',
    help: 'Time a request spent in the relay itself, upstream waits excluded.',
    buckets: overheadBuckets,
    unlabelled: true,
  });
  const pendingRequests = pendingIncrements(requests);
  const pendingAttempts = pendingIncrements(attempts);
  const pendingFailovers = pendingIncrements(failovers);
  const pendingSpend = pendingIncrements(spend);
  const pending = [pendingRequests, pendingAttempts, pendingFailovers, pendingSpend];
  let processMetrics = false;

  return {
    observe(record) {
      const route = record.route ?? '';
      const status = record.httpStatus ?? 0;
      pendingRequests.add(`${record.dialect}\0${route}\0${status}\0${record.status}`, () => ({
        dialect: record.dialect,
        route,
        status: String(status),
        outcome: record.status,
      }));
      if (record.cache === 'hit-exact') cacheHits.inc({ kind: 'exact' });
      else if (record.cache === 'hit-semantic') cacheHits.inc({ kind: 'semantic' });
      record.attempts.forEach((attempt, index) => {
        const { provider, upstreamModel: model, status: outcome } = attempt;
        const target = `${provider}\0${model}`;
        pendingAttempts.add(`${target}\0${outcome}`, () => ({ provider, model, outcome }));
        const reason = failoverReasonOf(attempt, record.attempts[index + 1]);
        if (reason) pendingFailovers.add(`${target}\0${reason}`, () => ({ provider, model, reason }));
        if (attempt.costUsd) pendingSpend.add(provider, () => ({ provider }), attempt.costUsd);
      });
      const provider = record.provider ?? '';
      const byProvider = () => ({ provider });
      if (record.ttftMs !== undefined) ttft.observe(provider, byProvider, seconds(record.ttftMs));
      if (record.latencyMs !== undefined) latency.observe(provider, byProvider, seconds(record.latencyMs));
      if (record.overheadMs !== undefined) overhead.observe('', () => ({}), seconds(record.overheadMs));
    },
    async scrape() {
      if (!processMetrics) {
        processMetrics = true;
        collectDefaultMetrics({ register: registry });
      }
      for (const counts of pending) counts.flush();
      return { contentType: registry.contentType, text: await registry.metrics() };
    },
    close: () => registry.clear(),
  };
}
