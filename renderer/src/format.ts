import type { FitNote, RequestRow } from './api/admin-types.js';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A whole number with thousands separators. */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** Cost in dollars to the micro-dollar; a model without a price says "unpriced", never $0. */
export function formatCost(row: Pick<RequestRow, 'costUsd' | 'unpriced'>): string {
  if (row.unpriced) return 'unpriced';
  if (row.costUsd === null || row.costUsd === undefined) return '—';
  return `$${row.costUsd.toFixed(6)}`;
}

/** Milliseconds below a second, seconds above. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (ms < 1000) return `${integer.format(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Input and output tokens, e.g. "1,204 / 87". */
export function formatTokens(row: Pick<RequestRow, 'inputTokens' | 'outputTokens'>): string {
  if (row.inputTokens === undefined && row.outputTokens === undefined) return '—';
  const count = (value: number | undefined) => (value === undefined ? '—' : integer.format(value));
  return `${count(row.inputTokens)} / ${count(row.outputTokens)}`;
}

/** The time of day for today's requests, with the date for older ones. */
export function formatTime(createdAt: number, now: number = Date.now()): string {
  const at = new Date(createdAt);
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  if (at.toDateString() === new Date(now).toDateString()) return time;
  return `${at.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${time}`;
}

/** "ok", "client closed", or "error 429 UPSTREAM_RATE_LIMITED". */
export function formatStatus(row: Pick<RequestRow, 'status' | 'httpStatus' | 'errorCode'>): string {
  if (row.status === 'ok') return 'ok';
  if (row.status === 'client_closed') return 'client closed';
  return ['error', row.httpStatus, row.errorCode].filter((part) => part !== undefined).join(' ');
}

/** A per-token price as USD per 1M tokens ("$0.15"); unknown prices show as "—", never $0. */
export function formatPerMillion(perToken: number | undefined): string {
  if (perToken === undefined) return '—';
  const perMillion = perToken * 1e6;
  return `$${perMillion < 0.01 && perMillion > 0 ? perMillion.toPrecision(2) : perMillion.toFixed(2)}`;
}

/** Context windows as "128k", "1M". */
export function formatContext(tokens: number | undefined): string {
  if (tokens === undefined) return '—';
  if (tokens >= 1_000_000) return `${Number((tokens / 1_000_000).toFixed(1))}M`;
  if (tokens >= 1000) return `${Math.round(tokens / 1000)}k`;
  return String(tokens);
}

/** Dollars with as many decimals as small amounts need ("$12.30", "$0.000412"). */
export function formatUsd(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (value === 0) return '$0';
  return Math.abs(value) >= 1 ? `$${value.toFixed(2)}` : `$${value.toFixed(6)}`;
}

/** What the relay changed to fit a request to a target: "max_tokens clamped 32000 → 16384: why". */
export function formatFitNote(note: FitNote): string {
  const values =
    note.from !== undefined && note.to !== undefined
      ? ` ${note.from} → ${note.to}`
      : note.from !== undefined
        ? ` (${note.from})`
        : note.to !== undefined
          ? ` ${note.to}`
          : '';
  return `${note.param} ${note.change}${values}: ${note.why}`;
}
