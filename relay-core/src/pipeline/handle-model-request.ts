import type { ServerResponse } from 'node:http';
import { RelayError, toRelayError } from '../canonical/errors.js';
import type { CanonicalRequest, CanonicalResponse, StreamEvent } from '../canonical/types.js';
import type { DialectCodec } from '../dialects/dialect-codec.js';
import { describeRequest } from '../routing/match-route.js';
import type { ClientSignals } from '../routing/identify-agent.js';
import { routeRequest } from './route-request.js';
import type { Target } from '../routing/resolve-targets.js';
import { sendError } from '../shared/send-json.js';
import { tryTargets } from './attempt-engine.js';
import type { Tried } from './attempt-engine.js';
import { carryToolCallSignatures, restoreToolCallIds } from '../canonical/tool-call-id.js';
import { launchAttempt } from './launch-attempt.js';
import { priceLosers, raceAttempts } from './hedge-attempts.js';
import { recordOutcome } from './attempt-outcome.js';
import { forgetClientBody, keepClientBody } from '../canonical/client-body.js';
import { lightenRequest } from './lighten-request.js';
import type { JsonBody } from '../server/read-body.js';
import { AbortSwitch } from './abort-switch.js';
import type { AttemptResult } from './launch-attempt.js';
import { estimateUsage, sampledAboveChars } from '../tokens/estimate-tokens.js';
import { newRequestLog } from './relay-runtime.js';
import type { AttemptLog, RelayRuntime, RequestLog } from './relay-runtime.js';
import { accumulateStream, collectStream } from '../canonical/accumulate-stream.js';
import type { CacheDirective } from '../cache/cache-directive.js';
import type { CacheLookup } from '../cache/answer-cache.js';
import { sendAnswer } from '../cache/replay-answer.js';
import { serveCachedAnswer } from '../cache/serve-cached-answer.js';
import { routeExtrasFor } from '../gates/route-extras.js';
import { applyGates, bufferForGates } from '../gates/apply-gates.js';
import { planGateTries } from '../gates/plan-gate-tries.js';
import { sideCallPolicy } from './side-call-targets.js';
import { applyPrice } from './apply-price.js';
import { relayHeaders } from './relay-headers.js';
import { OverheadClock } from './overhead-clock.js';
import type { RelayHeaderFields } from './relay-headers.js';
import { StreamResume } from './resume-stream.js';
import { streamAnswer } from './stream-answer.js';
import { estimatedCost } from './order-targets.js';
import { failOverToNextKey } from './pick-key.js';

export interface RequestMeta {
  id: string;
  client?: string;
  /** The client key's partition: its stored responses and cached answers (server/client-auth.ts). */
  partition?: string;
  /** runtime.now() when the body had been read: the relay's clock starts here. */
  receivedAt: number;
  createdAt: number;
  /** What the client's headers asked of the cache (Cache-Control, x-relay-cache). */
  cacheDirective?: CacheDirective;
  /** The client's `anthropic-beta` header, sent on with its body (canonical/client-body.ts). */
  betas?: string;
  /** The model the request's path names (Gemini's `models/{model}:…`): its body names none. */
  model?: string;
  /** The user-agent and headers that say which tool sent the request, and why (route conditions). */
  signals?: ClientSignals;
}

/** The visible and reasoning text of a whole answer (tool arguments count as output). */
function textOf(answer: CanonicalResponse): { text: string; reasoning: string } {
  let text = '';
  let reasoning = '';
  for (const part of answer.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'tool_call') text += part.arguments;
    else if (part.type === 'reasoning') reasoning += part.text;
  }
  return { text, reasoning };
}

/**
 * A request longer than this lets its messages go once it is sent: where a usage estimate starts
 * sampling its text (below it, what the estimate keeps is the whole text). Routing's features
 * count 4 characters a token.
 */
const lightenAboveTokens = sampledAboveChars / 4;

/**
 * Serves one model request in any dialect: resolve targets, try them in order, fail over on
 * retryable errors until a byte has reached the client, stream or answer in the client's dialect,
 * and record the request with every attempt. Never throws: every failure becomes a response.
 */
export async function handleModelRequest(
  runtime: RelayRuntime,
  codec: DialectCodec,
  body: JsonBody | undefined,
  response: ServerResponse,
  meta: RequestMeta,
): Promise<void> {
  const arrivedIdle = runtime.activity.begin(meta.receivedAt);
  try {
    const served = serveModelRequest(runtime, codec, body, response, meta, arrivedIdle);
    // an async function keeps its parameters until it returns: the parsed body, the request's
    // largest tree, is let go once it has been read (a stream can last minutes)
    body = undefined;
    await served;
  } finally {
    runtime.activity.end(runtime.now());
  }
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
  // set once a stream broke where the next target can continue it: the client's stream stays open
  let resume: StreamResume | undefined;
  const fail = (error: unknown) => {
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

  let request: CanonicalRequest;
  let targets: Target[];
  let features: ReturnType<typeof describeRequest>;
  try {
    request = codec.parse(body?.json, { partition: meta.partition });
    if (body) keepClientBody(request, { dialect: codec.dialect, bytes: body.bytes, betas: meta.betas });
    body = undefined;
    restoreToolCallIds(request);
    await runtime.limiter.admit(meta.client, request.model);
    log.stream = request.stream;
    features = describeRequest(request, meta.client, runtime.maxSimpleTokens, meta.signals);
    targets = routeRequest(runtime, request, features);
  } catch (error) {
    fail(error);
    return;
  }
  log.route = targets[0]?.route;
  const extras = routeExtrasFor(runtime.routes, log.route, features);
  // calls made for this request (embedding, rewrite, evaluator) keep to its route's policy
  const policy = sideCallPolicy(runtime, extras);
  const cached: CacheLookup | undefined = await runtime.cache?.lookup(request, extras, meta.cacheDirective, {
    partition: meta.partition,
    regions: policy.regions,
  });
  if (cached) headerFields.cache = log.cache = cached.outcome;
  if (cached?.embeddingCostUsd) log.sideCostUsd = cached.embeddingCostUsd;
  // embedding and rewrite calls are upstream waits, not relay time
  clock.skip(cached?.upstreamMs ?? 0);
  if (cached?.hit) {
    const { hit } = cached;
    serveCachedAnswer(codec, request, response, { ...cached, hit }, log, () => {
      const overheadMs = clock.lap();
      return relayHeaders({
        ...headerFields,
        provider: hit.provider,
        model: hit.upstreamModel,
        attempts: 0,
        costUsd: log.costUsd,
        cacheSimilarity: hit.similarity,
        overheadMs,
      });
    });
    finish('ok', 200);
    return;
  }
  try {
    // a budget is held to the request that would pass it, before anything is sent upstream
    const cost = targets[0]
      ? estimatedCost(runtime, targets[0], features.inputTokens, request.maxOutputTokens)
      : 0;
    await runtime.limiter.hold(meta.client, log.id, cost ?? 0);
  } catch (error) {
    fail(error);
    return;
  }

  const limit = Math.max(1, runtime.fallback.maxAttempts);
  const gates = extras?.gates;
  // a route with gates may try a target again after a failed gate (retries), then escalate
  const queue = gates ? planGateTries(targets, gates, limit) : targets.slice(0, limit);
  const tried = await tryTargets(runtime, queue, async (target): Promise<Tried<undefined>> => {
    // after a break, each next target is asked for the rest of the answer
    const sent = resume?.waiting ? resume.requestFor(target) : request;
    // the launch (key, the upstream request's encoding) is relay time; sending it is upstream I/O
    const launched = await launchAttempt(runtime, sent, target, attempts, clientGone, queue.length > 0);
    if (resume?.waiting) launched.attempt.resumeOffset = resume.offset;
    const dispatchedAt = 'dispatchedAt' in launched ? launched.dispatchedAt() : undefined;
    clock.lap(dispatchedAt);
    if (!('outcome' in launched)) return { skipped: launched.error };
    // the upstream request is encoded; with no attempt left that could send it again, the client's
    // body is not held while the answer comes (88 kB per agent request in flight), nor a long
    // request's messages (about 0.2 MB more). Those go once undici has written the request (in
    // this turn's check phase): lightening takes 0.1-0.2 ms the write need not wait for.
    if (queue.length === 0 && !gates) {
      forgetClientBody(request);
      if (!codec.keepsRequests && features.inputTokens > lightenAboveTokens) {
        setImmediate(() => {
          const started = runtime.now();
          lightenRequest(sent);
          clock.add(runtime.now() - started);
        });
      }
    }
    const hedge = target.strategy === 'hedge' && !resume?.waiting;
    const { running, settled, losers } = await raceAttempts(
      runtime,
      request,
      launched,
      queue,
      attempts,
      clientGone,
      hedge,
    );
    clock.restart();
    if ('winner' in settled) {
      const { winner } = settled;
      // a stream that breaks can be continued by a target left (never on a gated route): set up
      // before the client's body goes, whose headers a continuation keeps
      if (
        !resume &&
        settled.result.kind === 'stream' &&
        runtime.fallback.resumeStreams &&
        queue.length > 0 &&
        !gates
      )
        resume = new StreamResume(request, runtime.fallback.on);
      // nor once an attempt won, unless a gate may still send the request again
      if (!gates) forgetClientBody(request);
      // converting the answer (or a stream's first events) happened before it settled
      clock.add(winner.answerWorkMs());
      let { result } = settled;
      try {
        if (gates && result.kind === 'stream' && bufferForGates(request, gates))
          result = { kind: 'response', response: await collectStream(eventsOf(result)) };
        if (result.kind === 'response') {
          const answer = result.response;
          winner.attempt.latencyMs = runtime.now() - winner.sentAt;
          answer.usage ??= await estimateUsage(request, textOf(answer));
          if (gates) {
            const verdict = await applyGates(runtime, gates, request, answer, winner.attempt, {
              policy,
              lastTry: queue.length === 0,
              price: () =>
                runtime.price(winner.target.provider, answer.model || winner.target.model, answer.usage),
            });
            clock.restart();
            headerFields.gates = verdict;
            if (verdict === 'retry') {
              await priceLosers(losers, request, runtime);
              return {
                next: new RelayError(
                  'UPSTREAM_PROTOCOL_ERROR',
                  "the answer failed the route's quality gates",
                ),
              };
            }
          }
          answerWhole(
            runtime,
            codec,
            request,
            response,
            result.response,
            winner.target,
            winner.attempt,
            log,
            headerFields,
            () => clock.lap(),
          );
          recordOutcome(runtime, winner, answer.usage);
          await priceLosers(losers, request, runtime);
          if (headerFields.gates !== 'failed')
            cached?.save?.(
              answer,
              winner.target.provider.id,
              log.upstreamModel ?? winner.target.model,
              winner.attempt.costUsd,
            );
          finish('ok', 200);
          return { served: undefined };
        }
        // a continuation's answer is not cached: it is part of one
        const collected = cached?.save && !resume?.waiting ? [...result.opening] : undefined;
        const relayWorkMs = await streamAnswer(runtime, codec, sent, response, result, {
          collected,
          resume,
          target: winner.target,
          attempt: winner.attempt,
          log,
          headers: headerFields,
          relayMsSoFar: () => clock.soFar(),
          sentAt: winner.sentAt,
          receivedAt: meta.receivedAt,
          upstreamWaitMs: winner.upstreamWaitMs,
          arrivedIdle,
        });
        clock.add(relayWorkMs);
        recordOutcome(runtime, winner, winner.attempt.usage);
        if (winner.attempt.status === 'ok' && collected)
          cached?.save?.(
            accumulateStream(collected),
            winner.target.provider.id,
            log.upstreamModel ?? winner.target.model,
            winner.attempt.costUsd,
          );
        await priceLosers(losers, request, runtime);
        if (resume?.waiting) return { next: undefined };
        finish(log.status, 200, log.errorCode);
        return { served: undefined };
      } finally {
        winner.release();
      }
    }
    if (clientGone.aborted) {
      for (const run of running) {
        run.release();
        run.attempt.status = 'client_closed';
      }
      return { stop: new RelayError('CLIENT_CLOSED', 'client closed the connection') };
    }
    for (const [run] of settled.failures) run.release();
    const failed: Array<[Target, RelayError]> = [];
    let retried: RelayError | undefined;
    for (const [run, error] of settled.failures) {
      // a key's rate limit or quota: the provider's next free key is tried before the next target
      if (await failOverToNextKey(runtime, run.target.provider, run.attempt, error, attempts)) {
        queue.unshift(run.target);
        retried = error;
      } else failed.push([run.target, error]);
    }
    return failed.length > 0 ? { failed } : { next: retried };
  });
  if ('error' in tried) fail(tried.error);
}

/** A started stream's events from the top (its held opening, the first event, the rest). */
async function* eventsOf(result: Extract<AttemptResult, { kind: 'stream' }>): AsyncIterable<StreamEvent> {
  yield* result.opening;
  let next = result.first;
  while (!next.done) {
    yield next.value;
    next = result.pull() ?? (await result.next());
  }
}

function answerWhole(
  runtime: RelayRuntime,
  codec: DialectCodec,
  request: CanonicalRequest,
  response: ServerResponse,
  answer: CanonicalResponse,
  target: Target,
  attempt: AttemptLog,
  log: RequestLog,
  headerFields: RelayHeaderFields,
  relayMs: () => number,
): void {
  const { provider } = target;
  const upstreamModel = answer.model || target.model;
  const price = applyPrice(runtime, provider, upstreamModel, answer.usage, attempt, log);
  attempt.status = 'ok';
  log.provider = provider.id;
  log.upstreamModel = upstreamModel;
  // a whole answer to a streaming client is a gated, buffered stream: replayed as one
  const carried = codec.signaturesInParts ? answer : carryToolCallSignatures(answer);
  sendAnswer(codec, request, response, carried, () =>
    relayHeaders({
      ...headerFields,
      provider: provider.id,
      model: upstreamModel,
      attempts: log.attempts.length,
      costUsd: price.costUsd,
      overheadMs: relayMs(),
    }),
  );
}
