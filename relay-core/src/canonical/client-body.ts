import type { CanonicalRequest, CanonicalResponse, Dialect } from './types.js';

/** A client's request as it came: the body's bytes and the headers that belong to it. */
export interface ClientBody {
  dialect: Dialect;
  /**
   * The body as the client sent it, when it is valid UTF-8 (what was parsed). Bytes, not text: sent
   * on as they are, a body with a single character beyond ASCII is not encoded to UTF-8 a second
   * time (0.2–0.4 ms for 88 kB). Where the relay changed the request after parsing (tool-call ids
   * restored, the output limit fitted to the target), the adapter that sends these bytes makes the
   * same change to them.
   */
  bytes?: Buffer;
  /**
   * Anthropic's `anthropic-beta`: body fields of a beta need it beside them, and some betas
   * (a longer context, interleaved thinking) apply to a converted request as well.
   */
  betas?: string;
}

const bodies = new WeakMap<CanonicalRequest, ClientBody>();

/**
 * Keeps the client's body beside the canonical request parsed from it, so an upstream that speaks
 * the client's dialect can be sent the client's own bytes, only the model replaced: fields the
 * relay does not model reach the upstream, and a large request is not converted and encoded a
 * second time.
 *
 * Kept beside the request rather than on it: a request built from another one does not inherit a
 * body that no longer says the same. The Anthropic and Gemini adapters send a client's body on (to
 * a client of their own dialect; providers/anthropic/anthropic-client-body.ts patches an Anthropic
 * client's to what the relay changed); a dialect whose requests say more than their body
 * (Responses' `previous_response_id`) must not.
 */
export function keepClientBody(request: CanonicalRequest, body: ClientBody): void {
  bodies.set(request, body);
}

/** The client's body when it was written in `dialect`. */
export function clientBodyOf(request: CanonicalRequest, dialect: Dialect): ClientBody | undefined {
  const body = bodies.get(request);
  return body?.dialect === dialect ? body : undefined;
}

/**
 * A request fitted from another one (pipeline/fit-request.ts) keeps its client's body: the bytes
 * too when the two differ only in what the adapter writes into the bytes itself (the model and
 * the output limit), else only the headers.
 */
export function carryClientBody(from: CanonicalRequest, to: CanonicalRequest, withBytes: boolean): void {
  const body = bodies.get(from);
  if (body) bodies.set(to, withBytes ? body : { dialect: body.dialect, betas: body.betas });
}

/** Nothing will be sent for the request any more. */
export function forgetClientBody(request: CanonicalRequest): void {
  bodies.delete(request);
}

/** An upstream's whole answer as it came, when it already says what the client is to be told. */
interface UpstreamAnswer {
  dialect: Dialect;
  text: string;
}

const answers = new WeakMap<CanonicalResponse, UpstreamAnswer>();

/**
 * Keeps an upstream's whole answer, as text, beside the canonical answer read from it, when a client
 * of `dialect` may be sent that text with only its model replaced (the adapter decides: nothing in
 * it needs converting). Kept beside the answer for the same reason as a client's body: an answer
 * built from another one (a gate's, a cached one, signatures carried into ids) has none.
 */
export function keepUpstreamAnswer(answer: CanonicalResponse, dialect: Dialect, text: string): void {
  answers.set(answer, { dialect, text });
}

/** The upstream's answer as it came, when it was written in `dialect`. */
export function upstreamAnswerOf(answer: CanonicalResponse, dialect: Dialect): string | undefined {
  const kept = answers.get(answer);
  return kept !== undefined && kept.dialect === dialect ? kept.text : undefined;
}
