import type { RelayError, RelayErrorCode } from '../../canonical/errors.js';

/** google.rpc.Code names for the relay's HTTP statuses (the codes Google's REST APIs answer with). */
const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  408: 'DEADLINE_EXCEEDED',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** A provider key the relay holds was refused: not a passing outage the client should wait out. */
const relayFaults = new Set<RelayErrorCode>(['UPSTREAM_AUTH', 'UPSTREAM_PERMISSION']);

/** The google.rpc.Code name clients branch on (Gemini CLI retries RESOURCE_EXHAUSTED and UNAVAILABLE). */
export function geminiStatus(error: RelayError): string {
  if (relayFaults.has(error.code)) return 'INTERNAL';
  return statusNames[error.status] ?? (error.status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT');
}

/**
 * The one Google error shape, `{error:{code,message,status,details}}`: a retry delay as a
 * google.rpc.RetryInfo detail (where Gemini clients read it), the parameter at fault as a
 * google.rpc.BadRequest field violation.
 */
export function encodeGeminiError(error: RelayError, message: string = error.message) {
  const details: Array<Record<string, unknown>> = [];
  if (error.retryAfterMs !== undefined)
    details.push({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: `${Math.ceil(error.retryAfterMs / 1000)}s`,
    });
  if (error.param !== undefined)
    details.push({
      '@type': 'type.googleapis.com/google.rpc.BadRequest',
      fieldViolations: [{ field: error.param, description: message }],
    });
  return {
    error: {
      code: error.status,
      message,
      status: geminiStatus(error),
      ...(details.length > 0 ? { details } : {}),
    },
  };
}
