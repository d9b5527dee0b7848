import type { HistoryRow } from '../api/admin-types.js';

const wholeMs = (value: number | undefined) => (value === undefined ? undefined : Math.round(value));

const columns: Array<[string, (row: HistoryRow) => unknown]> = [
  ['id', (row) => row.id],
  ['time', (row) => new Date(row.createdAt).toISOString()],
  ['client', (row) => row.client],
  ['requested_model', (row) => row.requestedModel],
  ['provider', (row) => row.provider],
  ['upstream_model', (row) => row.upstreamModel],
  ['status', (row) => row.status],
  ['http_status', (row) => row.httpStatus],
  ['error_code', (row) => row.errorCode],
  ['error_message', (row) => row.errorMessage],
  ['cache', (row) => row.cache],
  // whole milliseconds: the relay measures with sub-millisecond timers, a spreadsheet needs no more
  ['ttft_ms', (row) => wholeMs(row.ttftMs)],
  ['latency_ms', (row) => wholeMs(row.latencyMs)],
  ['input_tokens', (row) => row.inputTokens],
  ['output_tokens', (row) => row.outputTokens],
  ['usage_estimated', (row) => row.usageEstimated],
  // an unpriced request has no cost: an empty cell, never 0
  ['cost_usd', (row) => (row.unpriced ? '' : row.costUsd)],
  ['unpriced', (row) => row.unpriced],
];

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  // RFC 4180 quoting; a leading =, +, - or @ would be a formula in a spreadsheet (CSV injection)
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** History rows as CSV with a header line. */
export function toCsv(rows: HistoryRow[]): string {
  return [
    columns.map(([name]) => name).join(','),
    ...rows.map((row) => columns.map(([, read]) => cell(read(row))).join(',')),
  ].join('\r\n');
}
