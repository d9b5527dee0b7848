import type { RelayErrorCode } from './error-codes.js';
import { isUpstreamFailure } from './retry-rules.js';
import type { Dialect } from './types.js';

// the codes live beside the retry table, which reads them; callers keep importing them from here
export type { RelayErrorCode } from './error-codes.js';

export interface RelayErrorOptions {
  /** HTTP status to answer the client with. */
  status?: number;
  /** Whether another attempt (same or other target) may succeed. */
  isRetryable?: boolean;
  /** How long the upstream asked us to wait, from `retry-after` or a body field. */
  retryAfterMs?: number;
  /** The request parameter at fault, e.g. `messages[0].role`. */
  param?: string;
  /** Provider id the error came from. */
  provider?: string;
  /** Upstream HTTP status, when there was one. */
  upstreamStatus?: number;
  /**
   * The message is an upstream's own words after `<provider>: `, in this dialect (Anthropic's
   * errors): a client of that dialect is given them as they came, since clients match them.
   */
  wordedIn?: Dialect;
  /** The upstream's machine-readable reason, when it gave one (Anthropic's `details.error_code`). */
  upstreamErrorCode?: string;
  cause?: unknown;
}

const defaultStatus: Record<RelayErrorCode, number> = {
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  CLIENT_UNAUTHORIZED: 401,
  HOST_NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  MODEL_NOT_FOUND: 404,
  MODEL_NOT_ALLOWED: 403,
  CLIENT_LIMIT_EXCEEDED: 429,
  NO_PROVIDER: 503,
  UPSTREAM_BAD_REQUEST: 400,
  UPSTREAM_AUTH: 502,
  UPSTREAM_PERMISSION: 502,
  UPSTREAM_NOT_FOUND: 404,
  UPSTREAM_RATE_LIMITED: 429,
  UPSTREAM_QUOTA_EXCEEDED: 429,
  UPSTREAM_OVERLOADED: 503,
  UPSTREAM_SERVER_ERROR: 502,
  UPSTREAM_TIMEOUT: 504,
  UPSTREAM_CONNECT_ERROR: 502,
  UPSTREAM_CONTEXT_TOO_LONG: 400,
  UPSTREAM_CONTENT_POLICY: 400,
  UPSTREAM_PROTOCOL_ERROR: 502,
  UPSTREAM_STREAM_ERROR: 502,
  CLIENT_CLOSED: 499,
  CONFIG_INVALID: 500,
  INTERNAL: 500,
};

export class RelayError extends Error {
  readonly code: RelayErrorCode;
  readonly status: number;
  readonly isRetryable: boolean;
  readonly retryAfterMs?: number;
  readonly param?: string;
  readonly provider?: string;
  readonly upstreamStatus?: number;
  readonly wordedIn?: Dialect;
  readonly upstreamErrorCode?: string;

  constructor(code: RelayErrorCode, message: string, options: RelayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RelayError';
    this.code = code;
    this.status = options.status ?? defaultStatus[code];
    this.isRetryable = options.isRetryable ?? isUpstreamFailure(code);
    this.retryAfterMs = options.retryAfterMs;
    this.param = options.param;
    this.provider = options.provider;
    this.upstreamStatus = options.upstreamStatus;
    this.wordedIn = options.wordedIn;
    this.upstreamErrorCode = options.upstreamErrorCode;
  }

  /**
   * This error as a client may see it (server/send-json.ts `toClientError`): the same kind, from its
   * known-safe parts, with `message` and `param` in their checked forms and an upstream's error code
   * only when it is a plain identifier. A subclass that words itself from fields of its own
   * rebuilds itself from them, passing any text it carries through `redact`.
   */
  forClient(message: string, param: string | undefined, redact: (text: string) => string): RelayError {
    const code = this.upstreamErrorCode;
    return new RelayError(this.code, message, {
      status: this.status,
      isRetryable: this.isRetryable,
      retryAfterMs: this.retryAfterMs,
      param,
      provider: this.provider,
      upstreamStatus: this.upstreamStatus,
      wordedIn: this.wordedIn,
      ...(code !== undefined && /^[\w.-]{1,64}$/.test(code) && redact(code) === code
        ? { upstreamErrorCode: code }
        : {}),
    });
  }
}

/** Wraps anything thrown into a RelayError without leaking internals to the client. */
export function toRelayError(value: unknown): RelayError {
  if (value instanceof RelayError) return value;
  return new RelayError('INTERNAL', 'internal relay error', { cause: value });
}
