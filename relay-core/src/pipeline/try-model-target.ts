import type { ServerResponse } from 'node:http';
import { RelayError } from '../canonical/errors.js';
import type { CanonicalRequest, CanonicalResponse, StreamEvent } from '../canonical/types.js';
import { carryToolCallSignatures } from '../canonical/tool-call-id.js';
import { accumulateStream, collectStream } from '../canonical/accumulate-stream.js';
import { sendAnswer } from '../cache/replay-answer.js';
import type { DialectCodec } from '../dialects/dialect-codec.js';
import type { Target } from '../routing/resolve-targets.js';
import { estimateUsage } from '../tokens/estimate-tokens.js';
import { tryTargets } from './attempt-engine.js';
import type { Tried } from './attempt-engine.js';
import { applyPrice } from './apply-price.js';
import { recordOutcome } from './attempt-outcome.js';
import { priceLosers, raceAttempts } from './hedge-attempts.js';
import { launchAttempt } from './launch-attempt.js';
import type { AttemptResult, RunningAttempt } from './launch-attempt.js';
import type { ModelOutcome, ModelRequestContext, ServedAnswer } from './model-request-context.js';
import { failOverToNextKey } from './pick-key.js';
import { relayHeaders } from './relay-headers.js';
import type { RelayHeaderFields } from './relay-headers.js';
import type { AttemptLog, RelayRuntime, RequestLog } from './relay-runtime.js';
import { StreamResume } from './resume-stream.js';
import { streamAnswer } from './stream-answer.js';

/** The attempt engine over the request's tries, each made by `tryModelTarget`. */
export function runAttemptEngine(context: ModelRequestContext): Promise<ModelOutcome> {
  return tryTargets(context.runtime, context.tries, (target, queue) =>
    tryModelTarget(context, target, queue),
  );
}

/**
 * One try of a model request: send it to the target (and to the next as a hedge on a hedged
 * route), then give the client the winner's answer, whole or streamed. A failure goes back to the
 * engine, which judges it by the retry rules; a rate-limited key first makes way for the
 * provider's next key.
 */
async function tryModelTarget(
  context: ModelRequestContext,
  target: Target,
  queue: Target[],
): Promise<Tried<true>> {
  const { runtime, request, attempts, clientGone, clock, hooks } = context;
  // after a break, each next target is asked for the rest of the answer
  const sent = context.resume?.waiting ? context.resume.requestFor(target) : request;
  // the launch (key, the upstream request's encoding) is relay time; sending it is upstream I/O
  const launched = await launchAttempt(runtime, sent, target, attempts, clientGone, queue.length > 0);
  if (context.resume?.waiting) launched.attempt.resumeOffset = context.resume.offset;
  const dispatchedAt = 'dispatchedAt' in launched ? launched.dispatchedAt() : undefined;
  clock.lap(dispatchedAt);
  if (!('outcome' in launched)) return { skipped: launched.error };
  if (queue.length === 0) hooks.lastSent?.(sent);
  const hedge = target.strategy === 'hedge' && !context.resume?.waiting;
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
    // a stream that breaks can be continued by a target left: set up before the client's body
    // goes, whose headers a continuation keeps
    if (!context.resume && settled.result.kind === 'stream' && context.resumesStreams && queue.length > 0)
      context.resume = new StreamResume(request, runtime.fallback.on);
    hooks.won?.();
    try {
      return await answerClient(context, settled.winner, settled.result, losers, sent, queue.length === 0);
    } finally {
      settled.winner.release();
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
}

/** Gives the client the winning attempt's answer, whole or streamed, once a check let it through. */
async function answerClient(
  context: ModelRequestContext,
  winner: RunningAttempt,
  won: AttemptResult,
  losers: RunningAttempt[],
  sent: CanonicalRequest,
  lastTry: boolean,
): Promise<Tried<true>> {
  const { runtime, codec, request, response, log, clock, hooks, headerFields } = context;
  // converting the answer (or a stream's first events) happened before it settled
  clock.add(winner.answerWorkMs());
  let result = won;
  if (result.kind === 'stream' && hooks.collectStreams)
    result = { kind: 'response', response: await collectStream(eventsOf(result)) };
  if (result.kind === 'response') {
    const answer = result.response;
    winner.attempt.latencyMs = runtime.now() - winner.sentAt;
    answer.usage ??= await estimateUsage(request, textOf(answer));
    const refused = hooks.check && (await hooks.check(answer, winner, lastTry));
    if (refused) {
      if (losers.length > 0) await priceLosers(losers, request, runtime);
      return { next: refused };
    }
    answerWhole(
      runtime,
      codec,
      request,
      response,
      answer,
      winner.target,
      winner.attempt,
      log,
      headerFields,
      () => clock.lap(),
    );
    recordOutcome(runtime, winner, answer.usage);
    if (hooks.served) hooks.served(served(context, answer, winner));
    if (losers.length > 0) await priceLosers(losers, request, runtime);
    context.finish('ok', 200);
    return { served: true };
  }
  // a continuation's answer is not kept: it is part of one
  const collected = hooks.served && !context.resume?.waiting ? [...result.opening] : undefined;
  const relayWorkMs = await streamAnswer(runtime, codec, sent, response, result, {
    collected,
    resume: context.resume,
    target: winner.target,
    attempt: winner.attempt,
    log,
    headers: headerFields,
    relayMsSoFar: () => clock.soFar(),
    sentAt: winner.sentAt,
    receivedAt: context.meta.receivedAt,
    upstreamWaitMs: winner.upstreamWaitMs,
    arrivedIdle: context.arrivedIdle,
  });
  clock.add(relayWorkMs);
  recordOutcome(runtime, winner, winner.attempt.usage);
  if (winner.attempt.status === 'ok' && collected)
    hooks.served?.(served(context, accumulateStream(collected), winner));
  if (losers.length > 0) await priceLosers(losers, request, runtime);
  if (context.resume?.waiting) return { next: undefined };
  context.finish(log.status, 200, log.errorCode);
  return { served: true };
}

function served(
  context: ModelRequestContext,
  answer: CanonicalResponse,
  winner: RunningAttempt,
): ServedAnswer {
  return {
    answer,
    provider: winner.target.provider.id,
    upstreamModel: context.log.upstreamModel ?? winner.target.model,
    costUsd: winner.attempt.costUsd,
  };
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
  log.finishReason = answer.finishReason;
  // a whole answer to a streaming client is a gated, buffered stream: replayed as one
  const carried = codec.signaturesInParts ? answer : carryToolCallSignatures(answer);
  // set on the request's own fields, not spread into a copy: the copy cost more than the headers
  headerFields.provider = provider.id;
  headerFields.model = upstreamModel;
  headerFields.attempts = log.attempts.length;
  headerFields.costUsd = price.costUsd;
  sendAnswer(codec, request, response, carried, () => {
    headerFields.overheadMs = relayMs();
    return relayHeaders(headerFields);
  });
}
