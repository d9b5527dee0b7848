import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerKey, startHarness } from '../helpers/relay-harness.js';
import type { Harness } from '../helpers/relay-harness.js';
import { startOtlpReceiver } from '../helpers/otlp-receiver.js';
import type { ReceivedSpan } from '../helpers/otlp-receiver.js';

// A request that fails over, seen from outside: its trace at an OTLP collector, its counts at /metrics.
let harness: Harness;
let collector: Awaited<ReturnType<typeof startOtlpReceiver>>;
const prompt = 'Describe the lighthouse keeper of Skerryvore in one line';
// the client's own trace (W3C trace context), which the request's spans join
const clientTrace = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };

beforeAll(async () => {
  collector = await startOtlpReceiver();
  harness = await startHarness({
    extraConfig: `telemetry:\n  otlp_endpoint: ${collector.url}\n  service_name: switchboard-test\n`,
  });
});

afterAll(async () => {
  await harness.close();
  await collector.close();
});

function scrape(token?: string) {
  return fetch(`${harness.relay.url}/metrics`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
}

/** A metric's samples whose labels include these, from the parsed text. */
function samples(families: ReturnType<typeof parsePrometheusTextFormat>, name: string, labels: object = {}) {
  const family = families.find((candidate) => candidate.name === name);
  return (family?.metrics ?? []).filter((sample) =>
    Object.entries(labels).every(([key, value]) => sample.labels?.[key] === value),
  );
}

describe('telemetry of a failed-over request', () => {
  let requestId: string;
  let answer: string;
  let finishReason: string;

  beforeAll(async () => {
    harness.emulator.inject({ status: 500, match: { path: '/v1/chat/completions' } });
    const { data, response } = await harness.openai.chat.completions
      .create(
        { model: 'gpt-4.1-nano', messages: [{ role: 'user', content: prompt }] },
        { headers: { traceparent: `00-${clientTrace.traceId}-${clientTrace.spanId}-01` } },
      )
      .withResponse();
    expect(response.headers.get('x-relay-provider')).toBe('backup');
    expect(response.headers.get('x-relay-attempts')).toBe('2');
    requestId = response.headers.get('x-relay-request-id')!;
    answer = data.choices[0]!.message.content!;
    finishReason = data.choices[0]!.finish_reason;
    await harness.waitForRequest(requestId);
  });

  it('refuses /metrics without the admin token', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape('not-the-token')).status).toBe(401);
  });

  it('counts the request, both attempts, the failover and its spend at /metrics', async () => {
    const response = await scrape(harness.relay.adminToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusTextFormat(await response.text());

    expect(
      samples(families, 'switchboard_requests_total', { dialect: 'openai-chat', status: '200' }),
    ).toEqual([expect.objectContaining({ value: '1', labels: expect.objectContaining({ outcome: 'ok' }) })]);
    const attempts = samples(families, 'switchboard_attempts_total', { model: 'gpt-4.1-nano' });
    expect(attempts.map((sample) => [sample.labels?.provider, sample.labels?.outcome, sample.value])).toEqual(
      expect.arrayContaining([
        ['openai', 'error', '1'],
        ['backup', 'ok', '1'],
      ]),
    );
    expect(samples(families, 'switchboard_failovers_total')).toEqual([
      { value: '1', labels: { provider: 'openai', model: 'gpt-4.1-nano', reason: 'server_error' } },
    ]);
    const spend = samples(families, 'switchboard_spend_usd_total', { provider: 'backup' });
    expect(Number(spend[0]?.value)).toBeGreaterThan(0);
    expect(samples(families, 'switchboard_cache_hits_total')).toEqual([]);
    // the +Inf bucket counts every observation (the parser keeps no count line for labelled histograms)
    for (const histogram of ['switchboard_request_duration_seconds', 'switchboard_overhead_seconds'])
      expect(samples(families, histogram)[0]?.buckets?.['+Inf']).toBe('1');
    // the process's own metrics come along
    expect(families.map((family) => family.name)).toContain('process_cpu_user_seconds_total');
  });

  it('exports one request span and one span per attempt, with gen_ai attributes, to the collector', async () => {
    // closing the relay sends what its batch still holds
    await harness.relay.close();
    expect(collector.refused).toEqual([]);
    const requestSpans = collector.spans.filter(
      (span) => span.attributes['switchboard.request_id'] === requestId,
    );
    expect(requestSpans).toHaveLength(1);
    const [request] = requestSpans as [ReceivedSpan];
    expect(request).toMatchObject({
      name: 'chat gpt-4.1-nano',
      kind: 2,
      resource: expect.objectContaining({ 'service.name': 'switchboard-test' }),
      attributes: expect.objectContaining({
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4.1-nano',
        // the model the upstream says answered
        'gen_ai.response.model': expect.stringMatching(/^gpt-4\.1-nano/),
        // why the answer ended, as the client was told
        'gen_ai.response.finish_reasons': [finishReason],
        'gen_ai.provider.name': 'openai',
        'gen_ai.usage.input_tokens': expect.any(Number),
        'gen_ai.usage.output_tokens': expect.any(Number),
        'http.response.status_code': 200,
        'switchboard.provider': 'backup',
        'switchboard.attempts': 2,
      }),
    });
    expect(request.attributes).not.toHaveProperty('error.type');
    // in the trace of the client that sent it, under the client's span
    expect([request.traceId, request.parentSpanId]).toEqual([clientTrace.traceId, clientTrace.spanId]);

    const attempts = collector.spans
      .filter((span) => span.parentSpanId === request.spanId)
      .sort((a, b) => Number(BigInt(a.startTimeUnixNano) - BigInt(b.startTimeUnixNano)));
    expect(attempts).toHaveLength(2);
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ traceId: request.traceId, kind: 3, name: 'chat gpt-4.1-nano' });
      expect(BigInt(attempt.startTimeUnixNano)).toBeGreaterThanOrEqual(BigInt(request.startTimeUnixNano));
      expect(BigInt(attempt.endTimeUnixNano)).toBeLessThanOrEqual(BigInt(request.endTimeUnixNano));
    }
    const [failed, answered] = attempts as [ReceivedSpan, ReceivedSpan];
    expect(failed.status?.code).toBe(2);
    expect(failed.attributes).toMatchObject({
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4.1-nano',
      'switchboard.provider': 'openai',
      'switchboard.attempt.outcome': 'error',
      'switchboard.failover_reason': 'server_error',
      'error.type': 'UPSTREAM_SERVER_ERROR',
      'http.response.status_code': 500,
      'server.address': '127.0.0.1',
    });
    expect(answered.status?.code ?? 0).toBe(0);
    expect(answered.attributes).toMatchObject({
      'gen_ai.provider.name': 'openai',
      'gen_ai.response.model': request.attributes['gen_ai.response.model'],
      'gen_ai.usage.input_tokens': request.attributes['gen_ai.usage.input_tokens'],
      'gen_ai.usage.output_tokens': request.attributes['gen_ai.usage.output_tokens'],
      'switchboard.provider': 'backup',
      'switchboard.attempt.outcome': 'ok',
      'switchboard.cost_usd': expect.any(Number),
    });
    expect(answered.attributes).not.toHaveProperty('switchboard.failover_reason');

    // names, counts and outcomes only: never the prompt, the answer or a key
    const exported = JSON.stringify(collector.spans);
    expect(exported).not.toContain('Skerryvore');
    expect(exported).not.toContain(answer);
    expect(exported).not.toContain(providerKey);
    expect(exported).not.toContain(harness.relay.adminToken);
  });
});
