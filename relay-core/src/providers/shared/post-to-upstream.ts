import type { RelayError } from '../../canonical/errors.js';
import type { CanonicalResponse } from '../../canonical/types.js';
import type { AdapterContext, AdapterResult } from '../types.js';
import { readUpstreamAnswer } from './check-canonical.js';
import { readBodyText, sendUpstream } from './send-upstream.js';
import type { UpstreamReply } from './send-upstream.js';

/** Words an upstream's error reply as a RelayError, as the provider words its errors. */
export type UpstreamErrorMapper = (
  status: number,
  headers: UpstreamReply['headers'],
  /** The error body, empty when it could not be read. */
  body: string,
  provider: string,
) => RelayError;

/** How an adapter reads an upstream's reply: its error mapping and its converter for a success. */
export interface ReplyHandlers<T> {
  failed: UpstreamErrorMapper;
  /** Converts a 2xx reply: a stream's events, or the whole answer. */
  succeeded: (reply: UpstreamReply) => T | Promise<T>;
}

/**
 * Waits for an upstream's reply and reads it the one way every adapter does: a status outside
 * 2xx has its body read (an unreadable one counts as empty) and is thrown as `failed` words it;
 * any other reply goes to `succeeded`. An adapter supplies both, so none can forget the error path.
 */
export async function readReply<T>(
  pending: Promise<UpstreamReply>,
  provider: string,
  handlers: ReplyHandlers<T>,
): Promise<T> {
  const reply = await pending;
  if (reply.status >= 200 && reply.status < 300) return handlers.succeeded(reply);
  const text = await readBodyText(reply, provider).catch(() => '');
  throw handlers.failed(reply.status, reply.headers, text, provider);
}

/**
 * One upstream call, in the spirit of vercel/ai's `postJsonToApi`: POSTs the body (sendUpstream)
 * and reads the reply with the adapter's handlers (readReply). Not an async function, so the body
 * is not held while the answer comes.
 */
export function postToUpstream<T>(
  url: string,
  body: string | Buffer,
  headers: Record<string, string>,
  context: AdapterContext,
  handlers: ReplyHandlers<T>,
): Promise<T> {
  return readReply(sendUpstream(url, body, headers, context), context.provider.id, handlers);
}

/**
 * A 2xx reply's whole body, converted from the provider's JSON text and checked: at once when the
 * body came with the headers (readReply then settles without another turn of the microtask queue),
 * else once it has arrived.
 */
export function readWholeAnswer(
  reply: UpstreamReply,
  provider: string,
  convert: (text: string, provider: string) => CanonicalResponse,
): AdapterResult | Promise<AdapterResult> {
  const answer = (text: string): AdapterResult => ({
    kind: 'response',
    response: readUpstreamAnswer(provider, () => convert(text, provider)),
  });
  const arrived = reply.arrivedText?.();
  return arrived === undefined ? readBodyText(reply, provider).then(answer) : answer(arrived);
}
