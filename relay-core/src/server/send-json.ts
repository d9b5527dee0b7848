import type { ServerResponse } from 'node:http';
import { toRelayError } from '../canonical/errors.js';
import type { RelayError } from '../canonical/errors.js';

/** Anything that scrubs secrets out of text (see secrets/redact.ts). */
export interface Redactor {
  redact(text: string): string;
}

/** Writes a JSON body with the relay's headers. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | number> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** Builds a dialect's error body from a RelayError and its redacted message. */
export type ErrorEncoder = (error: RelayError, message: string) => unknown;

/**
 * The one place errors become responses, in the client's own dialect; messages are redacted so
 * an upstream that echoes a key back never leaks it through the relay.
 */
export function sendError(
  response: ServerResponse,
  error: unknown,
  encodeError: ErrorEncoder,
  redactor: Redactor,
  headers: Record<string, string | number> = {},
): void {
  const relayError = toRelayError(error);
  const extra: Record<string, string | number> = { ...headers };
  if (relayError.retryAfterMs !== undefined) extra['retry-after'] = Math.ceil(relayError.retryAfterMs / 1000);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendJson(response, relayError.status, encodeError(relayError, redactor.redact(relayError.message)), extra);
}
