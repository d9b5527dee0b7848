import type { ServerResponse } from 'node:http';
import { toRelayError } from '../canonical/errors.js';
import { keepClientBody } from '../canonical/client-body.js';
import { restoreToolCallIds } from '../canonical/tool-call-id.js';
import type { DialectCodec } from '../dialects/dialect-codec.js';
import { routeExtrasFor } from '../gates/route-extras.js';
import { describeRequest } from '../routing/match-route.js';
import type { JsonBody } from '../server/read-body.js';
import { sendError } from '../shared/send-json.js';
import { AbortSwitch } from './abort-switch.js';
import { answerFromCache } from './layers/answer-from-cache.js';
import { checkWithGates } from './layers/check-with-gates.js';
import { composeLayers } from './layers/compose-layers.js';
import { holdBudget } from './layers/hold-budget.js';
import { releaseSentRequest } from './layers/release-sent-request.js';
import type {
  ModelOutcome,
  ModelRequestContext,
  ModelRequestLayer,
  RequestMeta,
} from './model-request-context.js';
import { OverheadClock } from './overhead-clock.js';
import { relayHeaders } from './relay-headers.js';
import type { RelayHeaderFields } from './relay-headers.js';
import { newRequestLog } from './relay-runtime.js';
import type { AttemptLog, RelayRuntime, RequestLog } from './relay-runtime.js';
import type { StreamResume } from './resume-stream.js';
import { routeRequest } from './route-request.js';
import { sideCallPolicy } from './side-call-targets.js';
import { runAttemptEngine } from './try-model-target.js';

/**
 * What wraps the attempt engine, outermost first. A cached answer stops everything inside it (no
 * budget is held, no target tried); the gates sit inside the cache, so an answer that failed them
 * is not kept.
 */
export const modelRequestLayers: readonly ModelRequestLayer[] = [
  answerFromCache,
  holdBudget,
  checkWithGates,
  releaseSentRequest,
];

const serveThroughLayers = composeLayers<ModelRequestContext, ModelOutcome>(
  modelRequestLayers,
  runAttemptEngine,
);

/**
 * Serves one model request in any dialect: resolve targets, try them in order, fail over on
 * retryable errors until a byte has reached the client, stream or answer in the client's dialect,
 * and record the request with every attempt. Never throws: every failure becomes a response.
 */
export function handleModelRequest(
  runtime: RelayRuntime,
  codec: DialectCodec,
  body: JsonBody | undefined,
  response: ServerResponse,
  meta: RequestMeta,
): Promise<void> {
  const arrivedIdle = runtime.activity.begin(meta.receivedAt);
  const ended = () => runtime.activity.end(runtime.now());
  // not an async function, which would keep the parsed body (the request's largest tree) until it
  // returns, a stream's minutes; serveModelRequest is async, so it fails only by rejecting
  return serveModelRequest(runtime, codec, body, response, meta, arrivedIdle).then(
    ended,
    (error: unknown) => {
      ended();
      throw error;
    },
  );
}

async function serveModelRequest(
  runtime: RelayRuntime,
  codec: DialectCodec,
  body: JsonBody | undefined,
  response: ServerResponse,
  meta: RequestMeta,
  arrivedIdle: boolean,
): Promise<void> {
  const attempts: AttemptLog[] = [];
  const log = newRequestLog(meta, codec.dialect, body?.json, attempts);
  // relay time: everything outside upstream waits
  const clock = new OverheadClock(() => runtime.now(), meta.receivedAt);
  const headerFields: RelayHeaderFields = { requestId: meta.id };
  const clientGone = new AbortSwitch();
  response.on('close', () => {
    if (!response.writableFinished) clientGone.abort();
  });

  const finish = (status: RequestLog['status'], httpStatus: number, errorCode?: string) => {
    log.status = status;
    log.httpStatus = httpStatus;
    if (errorCode) log.errorCode = errorCode;
    log.latencyMs = runtime.now() - meta.receivedAt;
    log.overheadMs = clock.counted;
    runtime.record(log);
  };
  // a stream that broke where the next target could continue it keeps the client's stream open
  const fail = (error: unknown, resume?: StreamResume) => {
    const relayError = toRelayError(error);
    log.errorMessage = relayError.message;
    clock.lap();
    if (resume?.waiting) {
      // the client has the answer's start: no continuation came, and its stream ends as it broke
      resume.end(runtime, response);
      finish(clientGone.aborted ? 'client_closed' : 'error', 200);
      return;
    }
    const headers = relayHeaders({ ...headerFields, attempts: attempts.length, overheadMs: clock.counted });
    if (!clientGone.aborted) sendError(response, relayError, codec.encodeError, runtime, headers);
    finish(clientGone.aborted ? 'client_closed' : 'error', relayError.status, relayError.code);
  };

  let context: ModelRequestContext;
  try {
    const request = codec.parse(body?.json, { partition: meta.partition });
    if (body) keepClientBody(request, { dialect: codec.dialect, bytes: body.bytes, betas: meta.betas });
    body = undefined;
    restoreToolCallIds(request);
    const admitted = runtime.limiter.admit(meta.client, request.model);
    if (admitted) await admitted;
    log.stream = request.stream;
    const features = describeRequest(request, meta.client, runtime.maxSimpleTokens, meta.signals);
    const targets = routeRequest(runtime, request, features);
    log.route = targets[0]?.route;
    const extras = routeExtrasFor(runtime.routes, log.route, features);
    context = {
      runtime,
      codec,
      request,
      response,
      meta,
      log,
      attempts,
      clock,
      headerFields,
      clientGone,
      arrivedIdle,
      features,
      extras,
      // calls made for this request (embedding, rewrite, evaluator) keep to its route's policy
      policy: sideCallPolicy(runtime, extras),
      targets,
      tries: targets.slice(0, Math.max(1, runtime.fallback.maxAttempts)),
      keepsRequest: false,
      resumesStreams: runtime.fallback.resumeStreams ?? false,
      hooks: {},
      finish,
    };
  } catch (error) {
    fail(error);
    return;
  }
  const outcome = await serveThroughLayers(context);
  if ('error' in outcome) fail(outcome.error, context.resume);
}
