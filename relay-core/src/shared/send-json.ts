import type { ServerResponse } from 'node:http';
import type { RelayError } from '../canonical/errors.js';
import { toRelayError } from '../canonical/errors.js';

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
  sendJsonText(response, status, JSON.stringify(body), headers);
}

/** Sends JSON already encoded (an upstream's answer passed on as it came), as sendJson does. */
export function sendJsonText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string | number> = {},
): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  sendWhole(response, text);
}

/**
 * Sends a body whose head is set (with its length) and ends the response, head and body in one
 * write to the socket. Node corks the socket for a response's first write until the next tick, and
 * `end(text)` queues an empty write behind the text: either way the pieces leave with writev. A
 * write inside our own cork joins the head to a text body, and the uncork sends it at once.
 */
export function sendWhole(response: ServerResponse, text: string): void {
  response.cork();
  response.write(text);
  response.uncork();
  response.end();
}

/** Builds a dialect's error body from a RelayError and its redacted message. */
export type ErrorEncoder = (error: RelayError, message: string) => unknown;

/**
 * The longest message a client gets: an upstream that echoes a whole prompt back in its error has
 * said all that matters long before, and redaction reads every character.
 */
const maxMessageChars = 4000;

/** A request field as a client's SDK names it: `messages[0].content`, `tools.3.name`. */
const fieldPath = /^[A-Za-z_][\w.[\]-]{0,127}$/;

/**
 * What of an error a client may see, rebuilt from known-safe parts (RelayError `forClient`): the
 * relay's own code, status and retry-after, the message through the redactor, `param` only when it
 * names a request field and holds no secret, an upstream's error code only as a plain identifier.
 * Nothing else an upstream sent travels on, so a field the relay does not know about (an
 * upstream's `param: "Bearer sk-…"`) cannot carry a key to the client.
 */
export function toClientError(error: unknown, redactor: Redactor): { error: RelayError; message: string } {
  const relayError = toRelayError(error);
  const message = redactor.redact(
    relayError.message.length > maxMessageChars
      ? `${relayError.message.slice(0, maxMessageChars)}…`
      : relayError.message,
  );
  const param =
    relayError.param !== undefined &&
    fieldPath.test(relayError.param) &&
    redactor.redact(relayError.param) === relayError.param
      ? relayError.param
      : undefined;
  const safe = relayError.forClient(message, param, (text) => redactor.redact(text));
  return { error: safe, message };
}

/**
 * The one place errors become responses, in the client's own dialect, from the parts
 * `toClientError` keeps, so an upstream that echoes a key back never leaks it through the relay.
 */
export function sendError(
  response: ServerResponse,
  error: unknown,
  encodeError: ErrorEncoder,
  redactor: Redactor,
  headers: Record<string, string | number> = {},
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const { error: safe, message } = toClientError(error, redactor);
  const extra: Record<string, string | number> = { ...headers };
  if (safe.retryAfterMs !== undefined) extra['retry-after'] = Math.ceil(safe.retryAfterMs / 1000);
  sendJson(response, safe.status, encodeError(safe, message), extra);
}
