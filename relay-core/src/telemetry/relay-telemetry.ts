import type { Config } from '../config/schema.js';
import type { ResolvedProvider } from '../providers/types.js';
import type { RequestRecord } from '../store/history-records.js';
import { createRelayMetrics } from './relay-metrics.js';
import type { RelayMetrics } from './relay-metrics.js';
import { createRequestTracer } from './request-tracer.js';
import type { RequestTracer } from './request-tracer.js';

/** What the relay tells the outside about its requests: Prometheus metrics, and traces when set. */
export interface RelayTelemetry {
  /** Counts a finished request and, when traces are on, writes its spans. Never throws. */
  observe(record: RequestRecord, providers: readonly ResolvedProvider[]): void;
  /** `GET /metrics`. */
  scrapeMetrics: RelayMetrics['scrape'];
  /** Follows `telemetry` in config.yaml: starts, moves or stops the trace export. */
  configure(settings: Config['telemetry']): void;
  /** Sends the spans still buffered and stops. */
  close(): Promise<void>;
}

/**
 * The relay's telemetry. Metrics are always counted (a few counters a request); traces only when
 * an OTLP endpoint is configured, and otherwise nothing of OpenTelemetry runs at all.
 */
export function createRelayTelemetry(
  settings: Config['telemetry'],
  log: (line: string) => void,
): RelayTelemetry {
  const metrics = createRelayMetrics();
  let tracer: RequestTracer | undefined;
  let reportedFailure = false;
  // tracers replaced by a reload, still sending what they hold
  let stopping: Promise<unknown> = Promise.resolve();
  // a failed send was already logged by the tracer's exporter
  const stop = (old: RequestTracer | undefined) => old?.close().catch(() => undefined);

  const telemetry: RelayTelemetry = {
    observe(record, providers) {
      try {
        metrics.observe(record);
        tracer?.trace(record, providers);
      } catch (error) {
        // telemetry never costs a request its history; one line says it is broken
        if (!reportedFailure) log(`telemetry: a request could not be counted or traced: ${String(error)}`);
        reportedFailure = true;
      }
    },
    scrapeMetrics: () => metrics.scrape(),
    configure({ otlp_endpoint: endpoint, service_name: serviceName }) {
      const current = tracer?.settings;
      if (current ? current.endpoint === endpoint && current.serviceName === serviceName : !endpoint) return;
      stopping = Promise.all([stopping, stop(tracer)]);
      tracer = endpoint ? createRequestTracer({ endpoint, serviceName }, log) : undefined;
    },
    async close() {
      metrics.close();
      await Promise.all([stopping, stop(tracer)]);
      tracer = undefined;
    },
  };
  telemetry.configure(settings);
  return telemetry;
}
