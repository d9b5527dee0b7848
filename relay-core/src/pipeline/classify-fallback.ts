import type { RelayErrorCode } from '../canonical/errors.js';
import type { FallbackClass } from './relay-runtime.js';

const classByCode: Partial<Record<RelayErrorCode, FallbackClass>> = {
  UPSTREAM_RATE_LIMITED: 'rate_limit',
  // a quota used up at one provider is exactly when another should answer
  UPSTREAM_QUOTA_EXCEEDED: 'rate_limit',
  UPSTREAM_OVERLOADED: 'overloaded',
  UPSTREAM_SERVER_ERROR: 'server_error',
  UPSTREAM_PROTOCOL_ERROR: 'server_error',
  UPSTREAM_STREAM_ERROR: 'server_error',
  UPSTREAM_TIMEOUT: 'timeout',
  UPSTREAM_CONNECT_ERROR: 'connect_error',
  UPSTREAM_CONTEXT_TOO_LONG: 'context_length',
  UPSTREAM_CONTENT_POLICY: 'content_policy',
};

/** The fallback class of an error code, or undefined when no other target should be tried. */
export function classifyFallback(code: RelayErrorCode): FallbackClass | undefined {
  return classByCode[code];
}
