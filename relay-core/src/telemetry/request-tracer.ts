import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ResolvedProvider } from '../providers/types.js';
import type { RequestRecord } from '../store/history-records.js';
import { traceRequest } from './trace-request.js';

/** Where traces go and under which service name. */
export interface TracerSettings {
  /** The OTLP/HTTP endpoint: a collector's base URL, or the whole traces URL. */
  endpoint: string;
  serviceName: string;
}

/** Writes each finished request as spans and sends them in batches to an OTLP collector. */
export interface RequestTracer {
  readonly settings: TracerSettings;
  trace(record: RequestRecord, providers: readonly ResolvedProvider[]): void;
  /** Sends what is buffered and stops. */
  close(): Promise<void>;
}

/** The traces URL an endpoint names: a bare collector address gets the OTLP traces path. */
export function tracesUrlOf(endpoint: string): string {
  const url = new URL(endpoint);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/v1/traces';
  return url.href;
}

/**
 * Tells the relay's log when the collector cannot be reached, once until it can again: the SDK
 * itself stays silent, and a trace that never arrives should have a reason somewhere.
 */
function reportingFailures(exporter: SpanExporter, url: string, log: (line: string) => void): SpanExporter {
  // the host only: a URL may carry a user and password
  const where = new URL(url).host;
  let failing = false;
  return {
    export(spans, done) {
      exporter.export(spans, (result) => {
        // ExportResultCode.SUCCESS (from @opentelemetry/core, which the relay does not import)
        const ok = result.code === 0;
        if (!ok && !failing)
          log(`telemetry: could not send spans to ${where}: ${String(result.error?.message ?? 'failed')}`);
        failing = !ok;
        done(result);
      });
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}

/**
 * A tracer provider of the relay's own (never the global one, so that two relays in one process,
 * or a host application's tracing, do not mix), batching spans to an OTLP/HTTP collector as JSON.
 */
export async function createRequestTracer(
  settings: TracerSettings,
  log: (line: string) => void,
): Promise<RequestTracer> {
  const url = tracesUrlOf(settings.endpoint);
  // the SDK takes a good part of a second to load: a relay without traces never loads it
  const [
    { OTLPTraceExporter },
    { defaultResource, resourceFromAttributes },
    { BasicTracerProvider, BatchSpanProcessor },
  ] = await Promise.all([
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace-base'),
  ]);
  const provider = new BasicTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName })),
    spanProcessors: [new BatchSpanProcessor(reportingFailures(new OTLPTraceExporter({ url }), url, log))],
  });
  const tracer = provider.getTracer('switchboard');
  return {
    settings,
    trace: (record, providers) => traceRequest(tracer, record, providers),
    close: () => provider.shutdown(),
  };
}
