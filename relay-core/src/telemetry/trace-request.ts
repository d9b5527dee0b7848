import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Span, Tracer } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import type { ResolvedProvider } from '../providers/types.js';
import type { RequestRecord } from '../store/history-records.js';
import { attemptAttributes, operationOf, requestAttributes } from './gen-ai-attributes.js';
import { parentContextOf } from './trace-context.js';

function spanName(operation: string, model: string): string {
  return model ? `${operation} ${model}` : operation;
}

/** An error ends a span in error; a client that left or a hedge's loser is no fault of the span. */
function setOutcome(span: Span, status: string, errorType: unknown): void {
  if (status === 'error')
    span.setStatus({
      code: SpanStatusCode.ERROR,
      ...(typeof errorType === 'string' ? { message: errorType } : {}),
    });
}

/**
 * Writes a finished request as spans, after the fact: a SERVER span for the client's request and
 * a CLIENT span under it for each try of an upstream, with the times the record holds. Building
 * them from the record keeps the request path free of tracing.
 */
export function traceRequest(
  tracer: Tracer,
  record: RequestRecord,
  providers: readonly ResolvedProvider[],
): void {
  const operation = operationOf(record.dialect);
  let start = record.createdAt;
  let end = record.createdAt + (record.latencyMs ?? 0);
  // the record's own clock starts after the body is read: its attempts must still fit inside
  for (const attempt of record.attempts) {
    start = Math.min(start, attempt.startedAt);
    end = Math.max(end, attempt.startedAt + (attempt.latencyMs ?? 0));
  }
  const attributes = requestAttributes(record, providers);
  // a client that sent a trace context has the request's span in its trace
  const requestSpan = tracer.startSpan(
    spanName(operation, record.requestedModel),
    { kind: SpanKind.SERVER, startTime: start, attributes },
    parentContextOf(record.traceparent),
  );
  const parent = trace.setSpan(ROOT_CONTEXT, requestSpan);
  record.attempts.forEach((attempt, index) => {
    const spanAttributes = attemptAttributes(record, index, providers);
    const span = tracer.startSpan(
      spanName(operation, attempt.upstreamModel),
      { kind: SpanKind.CLIENT, startTime: attempt.startedAt, attributes: spanAttributes },
      parent,
    );
    setOutcome(span, attempt.status, spanAttributes[ATTR_ERROR_TYPE]);
    span.end(attempt.startedAt + (attempt.latencyMs ?? 0));
  });
  setOutcome(requestSpan, record.status, attributes[ATTR_ERROR_TYPE]);
  requestSpan.end(end);
}
