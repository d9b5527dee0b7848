import type { ConfigIssue } from './config-error.js';
import type { Config } from './schema.js';

/** Whether a variable holds an http(s) URL, as `telemetry.otlp_endpoint` must be. */
function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * The standard OpenTelemetry variables over `telemetry`: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is the
 * traces URL itself, OTEL_EXPORTER_OTLP_ENDPOINT a collector's base URL that the traces path is
 * added to (as every OpenTelemetry SDK reads them), OTEL_SERVICE_NAME the service name.
 */
export function applyTelemetryEnv(
  telemetry: Config['telemetry'],
  env: NodeJS.ProcessEnv,
  issues: ConfigIssue[],
): Config['telemetry'] {
  const next = { ...telemetry };
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (traces) {
    if (isHttpUrl(traces)) next.otlp_endpoint = traces;
    else issues.push({ path: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', message: 'is not an http(s) URL' });
  } else if (base) {
    if (isHttpUrl(base)) next.otlp_endpoint = `${base.replace(/\/+$/, '')}/v1/traces`;
    else issues.push({ path: 'OTEL_EXPORTER_OTLP_ENDPOINT', message: 'is not an http(s) URL' });
  }
  const service = env.OTEL_SERVICE_NAME?.trim();
  if (service) next.service_name = service;
  return next;
}
