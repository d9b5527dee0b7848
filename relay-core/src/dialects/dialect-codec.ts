import type { RelayError } from '../canonical/errors.js';
import type { CanonicalRequest, CanonicalResponse, Dialect, StreamEvent } from '../canonical/types.js';

/** Turns canonical stream events into one dialect's SSE frames. */
export interface StreamEncoder {
  encode(event: StreamEvent): string;
  /** Frames an error that happened after the stream began. */
  encodeError(error: RelayError, message: string): string;
  /** The stream's media type, when it is not server-sent events (Gemini's JSON-array stream). */
  contentType?: string;
}

/** One inbound dialect: parse its requests, encode answers in it. */
export interface DialectCodec {
  dialect: Dialect;
  /** `context.partition`: the client key's, for dialects that keep state (stored responses). */
  parse(body: unknown, context?: { partition?: string }): CanonicalRequest;
  encodeResponse(response: CanonicalResponse, request: CanonicalRequest): unknown;
  /** The dialect's error body; `message` is already redacted. */
  encodeError(error: RelayError, message: string): unknown;
  createStreamEncoder(request: CanonicalRequest): StreamEncoder;
  /**
   * Its encoders need the whole request after it is sent (the Responses store keeps the
   * conversation, and knows a request by its identity): the pipeline never lightens it.
   */
  keepsRequests?: true;
  /**
   * Its answers carry Gemini's thought signatures in a field of their own: tool-call ids are not
   * used to carry them (canonical/tool-call-id.ts).
   */
  signaturesInParts?: true;
}
