import { ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import type { IncomingHttpHeaders } from 'node:http';

// W3C Trace Context, version 00: trace id, parent span id, flags; all-zero ids are invalid
const traceParent = /^00-(?!0{32})([0-9a-f]{32})-(?!0{16})([0-9a-f]{16})-([0-9a-f]{2})$/;

/** The client's `traceparent` header when it is a valid W3C trace context, else undefined. */
export function readTraceParent(headers: IncomingHttpHeaders): string | undefined {
  const value = headers.traceparent;
  return typeof value === 'string' && traceParent.test(value.trim()) ? value.trim() : undefined;
}

/** The context a request's span starts in: the client's trace when it sent one, else a new trace. */
export function parentContextOf(traceparent: string | undefined): Context {
  const match = traceparent === undefined ? null : traceParent.exec(traceparent);
  if (!match) return ROOT_CONTEXT;
  const [, traceId, spanId, flags] = match;
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: traceId!,
    spanId: spanId!,
    traceFlags: Number.parseInt(flags!, 16) & TraceFlags.SAMPLED,
    isRemote: true,
  });
}
