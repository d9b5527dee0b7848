import type { Config } from '../config/schema.js';
import type { ResolvedProvider } from '../providers/types.js';
import type { RequestRecord } from '../store/history-records.js';
import { createRelayMetrics } from './relay-metrics.js';
import type { RelayMetrics } from './relay-metrics.js';
import { createRequestTracer } from './request-tracer.js';
import type { RequestTracer, TracerSettings } from './request-tracer.js';

/** What the relay tells the outside about its requests: Prometheus metrics, and traces when set. */
export interface RelayTelemetry {
  /** Counts a finished request and, when traces are on, writes its spans. Never throws. */
  observe(record: RequestRecord, providers: readonly ResolvedProvider[]): void;
  /** `GET /metrics`. */
  scrapeMetrics: RelayMetrics['scrape'];
  /**
   * Follows `telemetry` in config.yaml: starts, moves or stops the trace export. Resolves once
   * traces go where the settings say.
   */
  configure(settings: Config['telemetry']): Promise<void>;
  /** Sends the spans still buffered and stops. */
  close(): Promise<void>;
}

/**
 * The relay's telemetry. Metrics are always counted (a few counters a request); traces only when
 * an OTLP endpoint is configured; without one, the OpenTelemetry SDK is not even loaded.
 */
export function createRelayTelemetry(log: (line: string) => void): RelayTelemetry {
  const metrics = createRelayMetrics();
  let wanted: TracerSettings | undefined;
  let tracer: RequestTracer | undefined;
  let reportedFailure = false;
  // tracers replaced by a reload, still sending what they hold
  let stopping: Promise<unknown> = Promise.resolve();
  // a failed send was already logged by the tracer's exporter
  const stop = (old: RequestTracer | undefined) => old?.close().catch(() => undefined);

  return {
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
    async configure({ otlp_endpoint: endpoint, service_name: serviceName }) {
      if (wanted ? wanted.endpoint === endpoint && wanted.serviceName === serviceName : !endpoint) return;
      const settings = endpoint ? { endpoint, serviceName } : undefined;
      wanted = settings;
      stopping = Promise.all([stopping, stop(tracer)]);
      tracer = undefined;
      if (!settings) return;
      const created = await createRequestTracer(settings, log);
      // a later reload may have changed the settings while the SDK loaded
      if (wanted === settings) tracer = created;
      else void created.close();
    },
    async close() {
      metrics.close();
      wanted = undefined;
      await Promise.all([stopping, stop(tracer)]);
      tracer = undefined;
    },
  };
}
