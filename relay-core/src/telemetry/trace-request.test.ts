import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../store/history-records.js';
import { fixtureProviders, okAttempt, requestRecord } from './request-record.fixture.js';
import { traceRequest } from './trace-request.js';

function spansOf(record: RequestRecord): { request: ReadableSpan; attempts: ReadableSpan[] } {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  traceRequest(provider.getTracer('test'), record, fixtureProviders);
  const spans = exporter.getFinishedSpans();
  const request = spans.find((span) => span.kind === SpanKind.SERVER)!;
  return { request, attempts: spans.filter((span) => span !== request) };
}

const millis = ([seconds, nanos]: [number, number]) => seconds * 1000 + nanos / 1e6;

describe('traceRequest', () => {
  it('says why the answer ended, on the request and on the attempt that answered', () => {
    const { request, attempts } = spansOf(
      requestRecord(
        [
          okAttempt({ status: 'error', httpStatus: 500, errorCode: 'UPSTREAM_SERVER_ERROR', costUsd: null }),
          okAttempt({ provider: 'claude', upstreamModel: 'claude-haiku-4-5' }),
        ],
        { finishReason: 'tool_calls' },
      ),
    );
    expect(request.attributes['gen_ai.response.finish_reasons']).toEqual(['tool_calls']);
    expect(attempts[1]!.attributes['gen_ai.response.finish_reasons']).toEqual(['tool_calls']);
    expect(attempts[0]!.attributes).not.toHaveProperty('gen_ai.response.finish_reasons');
  });

  it("joins the client's trace when its traceparent came with the request", () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const { request, attempts } = spansOf(requestRecord([okAttempt()], { traceparent }));
    expect(request.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(request.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(attempts[0]!.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    // without one, or with one that is not W3C's, the request starts a trace of its own
    for (const other of [undefined, '00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01']) {
      const { request: own } = spansOf(requestRecord([okAttempt()], { traceparent: other }));
      expect(own.parentSpanContext).toBeUndefined();
      expect(own.spanContext().traceId).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    }
  });

  it('names the spans after the operation and model, and nests each attempt in the request', () => {
    const { request, attempts } = spansOf(
      requestRecord([
        okAttempt({ status: 'error', httpStatus: 429, errorCode: 'UPSTREAM_RATE_LIMITED', costUsd: null }),
        okAttempt({ provider: 'claude', upstreamModel: 'claude-haiku-4-5', startedAt: 1_800_000_000_500 }),
      ]),
    );
    expect(request.name).toBe('chat gpt-4.1-nano');
    expect(attempts.map((span) => [span.name, span.kind, span.parentSpanContext?.spanId])).toEqual([
      ['chat gpt-4.1-nano', SpanKind.CLIENT, request.spanContext().spanId],
      ['chat claude-haiku-4-5', SpanKind.CLIENT, request.spanContext().spanId],
    ]);
    // the record's times, not the moment the spans were written
    expect(millis(attempts[1]!.startTime)).toBe(1_800_000_000_500);
    expect(millis(attempts[1]!.endTime)).toBe(1_800_000_000_900);
    expect(millis(request.endTime)).toBeGreaterThanOrEqual(1_800_000_000_900);
    expect(attempts[0]!.attributes).toMatchObject({
      'gen_ai.provider.name': 'openai',
      'error.type': 'UPSTREAM_RATE_LIMITED',
      'http.response.status_code': 429,
      'switchboard.failover_reason': 'rate_limit',
      'server.address': 'api.openai.com',
      'server.port': 443,
    });
    expect(attempts[0]!.attributes).not.toHaveProperty('switchboard.cost_usd');
    expect(attempts[1]!.attributes).toMatchObject({
      'gen_ai.provider.name': 'anthropic',
      'switchboard.provider': 'claude',
      'server.address': '::1',
      'server.port': 8080,
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 30,
      'switchboard.cost_usd': 0.002,
    });
    expect(attempts[0]!.status.code).toBe(SpanStatusCode.ERROR);
    expect(request.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('marks a request that failed everywhere as an error, the last attempt without a failover', () => {
    const failed = okAttempt({ status: 'error', httpStatus: 503, errorCode: 'UPSTREAM_OVERLOADED' });
    const { request, attempts } = spansOf(
      requestRecord([failed, { ...failed, provider: 'gemini' }], {
        status: 'error',
        httpStatus: 503,
        errorCode: 'UPSTREAM_OVERLOADED',
        errorMessage: 'gemini: the model is overloaded, your prompt was "secret plans"',
      }),
    );
    expect(request.status.code).toBe(SpanStatusCode.ERROR);
    expect(request.attributes['error.type']).toBe('UPSTREAM_OVERLOADED');
    expect(attempts.map((span) => span.attributes['switchboard.failover_reason'])).toEqual([
      'overloaded',
      undefined,
    ]);
    expect(attempts[1]!.attributes['gen_ai.provider.name']).toBe('gcp.gemini');
    // an error's words can quote the prompt: only its class goes into a span
    expect(
      JSON.stringify([request, ...attempts].map((span) => [span.attributes, span.status])),
    ).not.toContain('secret plans');
  });

  it("does not count a hedge's cancelled loser or a client that left as a span error", () => {
    const { request, attempts } = spansOf(
      requestRecord(
        [
          okAttempt({ status: 'cancelled', errorCode: 'HEDGE_LOST' }),
          okAttempt({ provider: 'together', upstreamModel: 'llama', status: 'client_closed' }),
        ],
        { status: 'client_closed' },
      ),
    );
    expect([request, ...attempts].map((span) => span.status.code)).toEqual([
      SpanStatusCode.UNSET,
      SpanStatusCode.UNSET,
      SpanStatusCode.UNSET,
    ]);
    expect(attempts.map((span) => span.attributes['switchboard.attempt.outcome'])).toEqual([
      'cancelled',
      'client_closed',
    ]);
    // a provider the conventions do not list goes by its preset's id
    expect(attempts[1]!.attributes['gen_ai.provider.name']).toBe('together');
  });

  it('writes a cache hit as the request span alone, and times a stream to its first chunk in seconds', () => {
    const hit = spansOf(requestRecord([], { cache: 'hit-exact', provider: 'openai' }));
    expect(hit.attempts).toEqual([]);
    expect(hit.request.attributes).toMatchObject({
      'switchboard.cache': 'hit-exact',
      'switchboard.attempts': 0,
    });

    const streamed = spansOf(requestRecord([okAttempt({ ttftMs: 250 })], { stream: true, ttftMs: 260 }));
    expect(streamed.request.attributes['gen_ai.response.time_to_first_chunk']).toBe(0.26);
    expect(streamed.attempts[0]!.attributes['gen_ai.response.time_to_first_chunk']).toBe(0.25);
    expect(streamed.request.attributes['gen_ai.request.stream']).toBe(true);
  });

  it('names the operation after the dialect', () => {
    expect(spansOf(requestRecord([okAttempt()], { dialect: 'embeddings' })).request.name).toBe(
      'embeddings gpt-4.1-nano',
    );
    expect(spansOf(requestRecord([okAttempt()], { dialect: 'gemini-api' })).request.name).toBe(
      'generate_content gpt-4.1-nano',
    );
  });
});
