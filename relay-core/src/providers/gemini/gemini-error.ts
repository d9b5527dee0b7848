import { RelayError } from '../../canonical/errors.js';
import type { RelayErrorCode } from '../../canonical/errors.js';
import { parseRetryAfter } from '../shared/parse-retry-after.js';

const codeByStatus: Record<string, RelayErrorCode> = {
  INVALID_ARGUMENT: 'UPSTREAM_BAD_REQUEST',
  FAILED_PRECONDITION: 'UPSTREAM_BAD_REQUEST',
  UNAUTHENTICATED: 'UPSTREAM_AUTH',
  PERMISSION_DENIED: 'UPSTREAM_PERMISSION',
  NOT_FOUND: 'UPSTREAM_NOT_FOUND',
  RESOURCE_EXHAUSTED: 'UPSTREAM_RATE_LIMITED',
  CANCELLED: 'UPSTREAM_STREAM_ERROR',
  INTERNAL: 'UPSTREAM_SERVER_ERROR',
  UNAVAILABLE: 'UPSTREAM_OVERLOADED',
  DEADLINE_EXCEEDED: 'UPSTREAM_TIMEOUT',
};

interface StatusWire {
  code?: number;
  message?: string;
  status?: string;
  details?: Array<{ '@type'?: string; retryDelay?: string; reason?: string }>;
}

/** `retryDelay: "34.4s"` from a google.rpc.RetryInfo detail, in milliseconds. */
function retryDelayMs(details: NonNullable<StatusWire['details']>): number | undefined {
  const info = details.find(
    (detail) => typeof detail['@type'] === 'string' && detail['@type'].endsWith('google.rpc.RetryInfo'),
  );
  const match = /^(\d+(?:\.\d+)?)s$/.exec(typeof info?.retryDelay === 'string' ? info.retryDelay : '');
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

/**
 * Maps a google.rpc.Status error (ERRORS.md §3) to a RelayError; the retry delay lives in the
 * body's RetryInfo, not in a header. An API_KEY_INVALID reason is an auth failure, not a 400.
 */
export function convertGeminiError(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  text: string,
  provider: string,
): RelayError {
  let wire: StatusWire | undefined;
  try {
    const error = (JSON.parse(text) as { error?: unknown } | null)?.error;
    wire = error !== null && typeof error === 'object' ? error : undefined;
  } catch {
    wire = undefined;
  }
  // the details are objects in a list, when they are there at all
  const details = (Array.isArray(wire?.details) ? wire.details : []).filter(
    (detail): detail is NonNullable<StatusWire['details']>[number] =>
      detail !== null && typeof detail === 'object',
  );
  let code: RelayErrorCode =
    (typeof wire?.status === 'string' &&
      Object.hasOwn(codeByStatus, wire.status) &&
      codeByStatus[wire.status]) ||
    (status === 429
      ? 'UPSTREAM_RATE_LIMITED'
      : status >= 500
        ? 'UPSTREAM_SERVER_ERROR'
        : 'UPSTREAM_BAD_REQUEST');
  if (details.some((detail) => detail.reason === 'API_KEY_INVALID')) code = 'UPSTREAM_AUTH';
  const message = typeof wire?.message === 'string' ? wire.message : `upstream answered HTTP ${status}`;
  return new RelayError(code, `${provider}: ${message}`, {
    provider,
    upstreamStatus: status || undefined,
    retryAfterMs: retryDelayMs(details) ?? parseRetryAfter(headers),
    status: code === 'UPSTREAM_BAD_REQUEST' && status >= 400 && status < 500 ? status : undefined,
  });
}
