import { RelayError } from '../../canonical/errors.js';
import type { RelayErrorCode } from '../../canonical/errors.js';
import { parseRetryAfter } from '../shared/parse-retry-after.js';

const codeByType: Record<string, RelayErrorCode> = {
  invalid_request_error: 'UPSTREAM_BAD_REQUEST',
  authentication_error: 'UPSTREAM_AUTH',
  permission_error: 'UPSTREAM_PERMISSION',
  not_found_error: 'UPSTREAM_NOT_FOUND',
  request_too_large: 'UPSTREAM_BAD_REQUEST',
  rate_limit_error: 'UPSTREAM_RATE_LIMITED',
  api_error: 'UPSTREAM_SERVER_ERROR',
  overloaded_error: 'UPSTREAM_OVERLOADED',
};

function codeByStatus(status: number): RelayErrorCode {
  if (status === 401) return 'UPSTREAM_AUTH';
  if (status === 403) return 'UPSTREAM_PERMISSION';
  if (status === 404) return 'UPSTREAM_NOT_FOUND';
  if (status === 429) return 'UPSTREAM_RATE_LIMITED';
  if (status === 529 || status === 503) return 'UPSTREAM_OVERLOADED';
  if (status === 504) return 'UPSTREAM_TIMEOUT';
  if (status >= 500) return 'UPSTREAM_SERVER_ERROR';
  return 'UPSTREAM_BAD_REQUEST';
}

/** Reads `{type:"error",error:{type,message}}` defensively (bodies may be HTML or cut off). */
export function readAnthropicError(
  text: string,
): { type?: string; message?: string; details?: unknown } | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: { type?: unknown; message?: unknown; details?: unknown } };
    const error = parsed?.error;
    if (error && typeof error === 'object') {
      return {
        type: typeof error.type === 'string' ? error.type : undefined,
        message: typeof error.message === 'string' ? error.message : undefined,
        details: error.details,
      };
    }
  } catch {
    // not JSON
  }
  return undefined;
}

/**
 * Maps an Anthropic error (HTTP or in-stream `error` event) to a RelayError (ERRORS.md §2).
 * A 429 with `enforced_spend_limit_reached` is a spend cap, not a passing rate limit.
 */
export function convertAnthropicError(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  text: string,
  provider: string,
): RelayError {
  const wire = readAnthropicError(text);
  let code =
    (wire?.type && Object.hasOwn(codeByType, wire.type) && codeByType[wire.type]) || codeByStatus(status);
  const details = wire?.details as { error_code?: unknown } | undefined;
  if (details?.error_code === 'enforced_spend_limit_reached') code = 'UPSTREAM_QUOTA_EXCEEDED';
  if (code === 'UPSTREAM_BAD_REQUEST' && /prompt is too long|context window/i.test(wire?.message ?? '')) {
    code = 'UPSTREAM_CONTEXT_TOO_LONG';
  }
  const message = wire?.message ?? `upstream answered HTTP ${status}`;
  const reason = details?.error_code;
  return new RelayError(code, `${provider}: ${message}`, {
    provider,
    upstreamStatus: status || undefined,
    retryAfterMs: parseRetryAfter(headers),
    status: code === 'UPSTREAM_BAD_REQUEST' && status >= 400 && status < 500 ? status : undefined,
    ...(wire?.message === undefined ? {} : { wordedIn: 'anthropic-messages' as const }),
    // a short token, as Anthropic's clients expect it; nothing else of the body is passed on
    ...(typeof reason === 'string' && /^[a-z][a-z0-9_]{0,63}$/.test(reason)
      ? { upstreamErrorCode: reason }
      : {}),
  });
}
