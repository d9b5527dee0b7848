import type { RelayError } from '../../canonical/errors.js';

/** Anthropic's error type for an HTTP status (docs.claude.com "Errors"). */
function errorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status === 503 || status === 529) return 'overloaded_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

/** The one Anthropic error shape: `{type:"error",error:{type,message}}`. */
export function encodeAnthropicError(error: RelayError, message: string = error.message) {
  return { type: 'error', error: { type: errorType(error.status), message } };
}
