import type { CanonicalRequest } from '../canonical/types.js';
import { sampleInput } from '../tokens/estimate-tokens.js';

/**
 * Lets a sent request's messages and tools go, in place, keeping what a usage estimate reads of
 * them (for an upstream that reports no usage). They are most of a coding agent's request: an
 * 88 kB one holds about 0.2 MB of strings and objects until its answer ends, and under load that
 * is what the requests in flight hold. In place, because everything that still has the request
 * (the adapter until the upstream's headers, the stream's encoder) reads only its other fields.
 * The caller keeps the request whole where more than that needs it: an attempt that may still
 * send it, gates, a hedge's loser, a codec that keeps its requests (the Responses store).
 */
export function lightenRequest(request: CanonicalRequest): void {
  request.inputSample ??= sampleInput(request);
  // emptied, not replaced: a copy fitted to the target for the adapter (fit-request.ts) shares them
  request.messages.length = 0;
  if (request.tools) request.tools.length = 0;
  delete request.tools;
}
