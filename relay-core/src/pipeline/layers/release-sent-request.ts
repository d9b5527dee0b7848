import { forgetClientBody } from '../../canonical/client-body.js';
import { sampledAboveChars } from '../../tokens/estimate-tokens.js';
import { lightenRequest } from '../lighten-request.js';
import type { ModelRequestLayer } from '../model-request-context.js';

/**
 * A request longer than this lets its messages go once it is sent: where a usage estimate starts
 * sampling its text (below it, what the estimate keeps is the whole text). Routing's features
 * count 4 characters a token.
 */
const lightenAboveTokens = sampledAboveChars / 4;

/** A request shorter than this (about 16 kB of text) is let go with its context, not before. */
const releaseAboveTokens = 4096;

/**
 * Releases what a request holds once no try is left that could send it again, unless a layer still
 * reads it (gates): the client's body, and a long request's messages.
 */
export const releaseSentRequest: ModelRequestLayer = (context, next) => {
  const { runtime, request, codec, features, clock, hooks } = context;
  // the gates, which sit outside this layer, have said by now whether they read the request again;
  // a small request frees little by going early, and setting that up costs every request
  if (context.keepsRequest || features.inputTokens <= releaseAboveTokens) return next();
  // The hooks must not hold `context` itself: measured, a hook that points back at the context
  // holding it made the garbage collector promote each request's objects (bench/README.md).
  const lighten = !codec.keepsRequests && features.inputTokens > lightenAboveTokens;
  // the upstream request is encoded: with no attempt left that could send it again, the client's
  // body is not held while the answer comes, nor a long request's messages. Those go once undici
  // has written the request (in this turn's check phase): the write need not wait for the trimming.
  hooks.lastSent = (sent) => {
    forgetClientBody(request);
    if (lighten) {
      setImmediate(() => {
        const started = runtime.now();
        lightenRequest(sent);
        clock.add(runtime.now() - started);
      });
    }
  };
  // nor once an attempt won
  hooks.won = () => forgetClientBody(request);
  return next();
};
