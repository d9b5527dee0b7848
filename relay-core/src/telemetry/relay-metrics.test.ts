import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { okAttempt, requestRecord } from './request-record.fixture.js';
import { createRelayMetrics } from './relay-metrics.js';

async function scraped(metrics: ReturnType<typeof createRelayMetrics>) {
  const families = parsePrometheusTextFormat((await metrics.scrape()).text);
  return (name: string) =>
    (families.find((family) => family.name === name)?.metrics ?? []).map((sample) => ({
      ...sample.labels,
      value: sample.value ?? sample.buckets?.['+Inf'],
    }));
}

describe('createRelayMetrics', () => {
  it('counts failovers only where the relay moved on, and spend by the provider that charged it', async () => {
    const metrics = createRelayMetrics();
    const limited = okAttempt({ status: 'error', errorCode: 'UPSTREAM_RATE_LIMITED', costUsd: null });
    metrics.observe(requestRecord([limited, okAttempt({ provider: 'backup', costUsd: 0.25 })]));
    // every target failed: the last failure is the answer, not a failover
    metrics.observe(
      requestRecord([{ ...limited, errorCode: 'UPSTREAM_SERVER_ERROR' }], {
        status: 'error',
        httpStatus: 502,
      }),
    );
    // a hedge's loser was cancelled, and paid for
    metrics.observe(
      requestRecord([okAttempt({ status: 'cancelled', errorCode: 'HEDGE_LOST', costUsd: 0.5 }), okAttempt()]),
    );
    const read = await scraped(metrics);
    expect(read('switchboard_failovers_total')).toEqual([
      { provider: 'openai', model: 'gpt-4.1-nano', reason: 'rate_limit', value: '1' },
    ]);
    expect(read('switchboard_spend_usd_total')).toEqual(
      expect.arrayContaining([
        { provider: 'backup', value: '0.25' },
        { provider: 'openai', value: '0.502' },
      ]),
    );
    expect(read('switchboard_attempts_total')).toEqual(
      expect.arrayContaining([
        { provider: 'openai', model: 'gpt-4.1-nano', outcome: 'error', value: '2' },
        { provider: 'openai', model: 'gpt-4.1-nano', outcome: 'cancelled', value: '1' },
        { provider: 'openai', model: 'gpt-4.1-nano', outcome: 'ok', value: '1' },
      ]),
    );
    expect(read('switchboard_requests_total')).toEqual(
      expect.arrayContaining([
        { dialect: 'openai-chat', route: '', status: '200', outcome: 'ok', value: '2' },
        { dialect: 'openai-chat', route: '', status: '502', outcome: 'error', value: '1' },
      ]),
    );
  });

  it('counts cache hits by kind and measures times in seconds', async () => {
    const metrics = createRelayMetrics();
    metrics.observe(
      requestRecord([], { cache: 'hit-exact', latencyMs: 2, overheadMs: 2, provider: 'openai' }),
    );
    metrics.observe(requestRecord([], { cache: 'hit-semantic', latencyMs: 30, overheadMs: 30 }));
    metrics.observe(
      requestRecord([okAttempt()], { cache: 'miss', stream: true, ttftMs: 1500, latencyMs: 3000 }),
    );
    const text = (await metrics.scrape()).text;
    const read = await scraped(metrics);
    expect(read('switchboard_cache_hits_total')).toEqual([
      { kind: 'exact', value: '1' },
      { kind: 'semantic', value: '1' },
    ]);
    expect(text).toContain('switchboard_ttft_seconds_bucket{le="2",provider="openai"} 1');
    expect(text).toContain('switchboard_ttft_seconds_bucket{le="1",provider="openai"} 0');
    expect(text).toContain('switchboard_request_duration_seconds_sum{provider="openai"} 3.002');
    expect(text).toMatch(/^switchboard_overhead_seconds_count 3$/m);
  });

  it('keeps counting across scrapes, as a Prometheus server reads a counter over time', async () => {
    const metrics = createRelayMetrics();
    metrics.observe(requestRecord([okAttempt({ costUsd: 0.25 })]));
    expect((await scraped(metrics))('switchboard_spend_usd_total')).toEqual([
      { provider: 'openai', value: '0.25' },
    ]);
    metrics.observe(requestRecord([okAttempt({ costUsd: 0.5 })]));
    metrics.observe(requestRecord([okAttempt({ costUsd: 0.25 })]));
    const read = await scraped(metrics);
    expect(read('switchboard_spend_usd_total')).toEqual([{ provider: 'openai', value: '1' }]);
    expect(read('switchboard_requests_total')).toEqual([
      { dialect: 'openai-chat', route: '', status: '200', outcome: 'ok', value: '3' },
    ]);
  });

  it('keeps the counts of two relays in one process apart', async () => {
    const first = createRelayMetrics();
    const second = createRelayMetrics();
    first.observe(requestRecord([okAttempt()]));
    expect((await scraped(second))('switchboard_requests_total')).toEqual([]);
    first.close();
    second.close();
  });
});
