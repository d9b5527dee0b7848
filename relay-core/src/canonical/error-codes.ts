/**
 * Stable error codes callers can match on (modelled on undici's `lib/core/errors.js`). One place,
 * `sendError` in `shared/send-json.ts`, turns a RelayError into a response in the client's own dialect.
 */
export type RelayErrorCode =
  // client mistakes
  | 'BAD_REQUEST'
  | 'INVALID_JSON'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'CLIENT_UNAUTHORIZED'
  | 'HOST_NOT_ALLOWED'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'MODEL_NOT_FOUND'
  | 'MODEL_NOT_ALLOWED'
  | 'CLIENT_LIMIT_EXCEEDED'
  | 'NO_PROVIDER'
  // upstream failures
  | 'UPSTREAM_BAD_REQUEST'
  | 'UPSTREAM_AUTH'
  | 'UPSTREAM_PERMISSION'
  | 'UPSTREAM_NOT_FOUND'
  | 'UPSTREAM_RATE_LIMITED'
  | 'UPSTREAM_QUOTA_EXCEEDED'
  | 'UPSTREAM_OVERLOADED'
  | 'UPSTREAM_SERVER_ERROR'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_CONNECT_ERROR'
  | 'UPSTREAM_CONTEXT_TOO_LONG'
  | 'UPSTREAM_CONTENT_POLICY'
  | 'UPSTREAM_PROTOCOL_ERROR'
  | 'UPSTREAM_STREAM_ERROR'
  // relay itself
  | 'CLIENT_CLOSED'
  | 'CONFIG_INVALID'
  | 'INTERNAL';
