import type { CanonicalRequest } from '../canonical/types.js';
import { sampleInput } from '../tokens/estimate-tokens.js';

/**
 * The request as the rest of its serving needs it once nothing will send it again: without its
 * messages and tools, which are most of a coding agent's request (an 88 kB one keeps about 0.2 MB
 * of strings and objects while its answer streams), and with what a usage estimate reads of them,
 * for an upstream that reports no usage. Under load this is what the requests in flight hold.
 * The caller keeps the request whole where more than its encoders and usage need it: gates, a
 * hedge's loser, a codec that keeps its requests (the Responses store).
 */
export function lightenRequest(request: CanonicalRequest): CanonicalRequest {
  const light: CanonicalRequest = {
    ...request,
    messages: [],
    inputSample: request.inputSample ?? sampleInput(request),
  };
  delete light.tools;
  return light;
}
