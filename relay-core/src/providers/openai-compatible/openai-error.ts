import { RelayError } from '../../canonical/errors.js';
import type { RelayErrorCode } from '../../canonical/errors.js';
import { parseRetryAfter } from '../shared/parse-retry-after.js';

interface OpenAIErrorWire {
  message?: unknown;
  type?: unknown;
  code?: unknown;
  param?: unknown;
  metadata?: { raw?: unknown; provider_name?: unknown };
}

/** Pulls `{error:{...}}` out of a body that may be empty, HTML or truncated JSON. */
export function readOpenAIErrorBody(text: string): OpenAIErrorWire | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: unknown } | null;
    if (parsed && typeof parsed === 'object' && parsed.error && typeof parsed.error === 'object') {
      return parsed.error as OpenAIErrorWire;
    }
    if (parsed && typeof parsed === 'object' && typeof parsed.error === 'string')
      return { message: parsed.error };
  } catch {
    // not JSON: an HTML error page from a proxy, or a cut-off body
  }
  return undefined;
}

function classify(status: number, wire: OpenAIErrorWire | undefined): RelayErrorCode {
  const code = typeof wire?.code === 'string' ? wire.code : '';
  const type = typeof wire?.type === 'string' ? wire.type : '';
  if (code === 'context_length_exceeded' || code === 'string_above_max_length')
    return 'UPSTREAM_CONTEXT_TOO_LONG';
  if (code === 'content_filter' || code === 'content_policy_violation') return 'UPSTREAM_CONTENT_POLICY';
  if (code === 'insufficient_quota' || type === 'insufficient_quota') return 'UPSTREAM_QUOTA_EXCEEDED';
  if (status === 401) return 'UPSTREAM_AUTH';
  if (status === 403) return 'UPSTREAM_PERMISSION';
  if (status === 404) return 'UPSTREAM_NOT_FOUND';
  if (status === 408 || status === 504) return 'UPSTREAM_TIMEOUT';
  if (status === 429) return 'UPSTREAM_RATE_LIMITED';
  if (status === 503 || status === 529) return 'UPSTREAM_OVERLOADED';
  if (status >= 500) return 'UPSTREAM_SERVER_ERROR';
  return 'UPSTREAM_BAD_REQUEST';
}

/**
 * Turns a failed OpenAI-family response into a RelayError: status class per ERRORS.md, the
 * upstream's own message (prefixed with the provider), `param` kept for client mistakes, and any
 * retry-after. The message is redacted by the caller before it reaches a client or a log.
 */
export function convertOpenAIError(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  text: string,
  provider: string,
): RelayError {
  const wire = readOpenAIErrorBody(text);
  const code = classify(status, wire);
  const upstreamMessage =
    typeof wire?.message === 'string' && wire.message.length > 0
      ? wire.message
      : `upstream answered HTTP ${status}${text.trimStart().startsWith('<') ? ' with an HTML page' : ''}`;
  const raw = typeof wire?.metadata?.raw === 'string' ? ` (${wire.metadata.raw.slice(0, 300)})` : '';
  return new RelayError(code, `${provider}: ${upstreamMessage}${raw}`, {
    provider,
    upstreamStatus: status,
    retryAfterMs: parseRetryAfter(headers),
    param: typeof wire?.param === 'string' ? wire.param : undefined,
    // 4xx client mistakes keep their status; 5xx stay in the relay's own mapping
    status: code === 'UPSTREAM_BAD_REQUEST' && status >= 400 && status < 500 ? status : undefined,
  });
}
