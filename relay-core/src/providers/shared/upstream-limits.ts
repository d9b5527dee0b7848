/*
 * How much of one upstream answer the relay holds in memory at once. A stream passes through in
 * pieces, but a whole answer is read before it is converted, and a stream event (or an AWS
 * event-stream frame) is read whole before it is parsed: an upstream that never ends either would
 * grow the relay's memory until the process died, with every client's request in it. Past these
 * sizes the answer is the upstream's protocol error (a 502 that fails over), and its connection
 * is closed at once. Real answers stay far below them: the largest are whole answers with inline
 * images (a few MB of base64).
 */

const mb = 2 ** 20;

/** The largest whole (non-streamed) answer body. */
export const maxAnswerBytes = 64 * mb;

/** The largest single stream event: one SSE event's data, or one event-stream frame. */
export const maxEventBytes = 32 * mb;

/** A size in MB, for messages. */
export const inMb = (bytes: number) => `${Math.round(bytes / mb)} MB`;
