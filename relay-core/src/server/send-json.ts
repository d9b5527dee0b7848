import type { ServerResponse } from 'node:http';
import type { Dialect } from '../canonical/types.js';
import { toRelayError } from '../canonical/errors.js';
import { encodeOpenAIError } from '../dialects/openai-chat/encode-openai-error.js';

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

/**
 * The one place errors become responses, in the client's own dialect; messages are redacted so
 * an upstream that echoes a key back never leaks it through the relay.
 */
export function sendError(
  response: ServerResponse,
  error: unknown,
  dialect: Dialect,
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
  // later dialects (Anthropic) add their encoder here
  void dialect;
  sendJson(
    response,
    relayError.status,
    encodeOpenAIError(relayError, redactor.redact(relayError.message)),
    extra,
  );
}
