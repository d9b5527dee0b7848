import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { RelayError, toRelayError } from '../canonical/errors.js';
import type { CanonicalRequest, CanonicalResponse, StreamEvent, Usage } from '../canonical/types.js';
import type { DialectCodec } from '../dialects/dialect-codec.js';
import type { ResolvedProvider } from '../providers/types.js';
import { resolveTargets } from '../routing/resolve-targets.js';
import { planTargets, targetKey } from '../routing/plan-targets.js';
import { describeRequest } from '../routing/match-route.js';
import { orderTargets } from './order-targets.js';
import type { Target } from '../routing/resolve-targets.js';
import { sendError } from '../server/send-json.js';
import { classifyFallback } from './classify-fallback.js';
import { nextWithTimeout } from './next-with-timeout.js';
import {
  carryToolCallSignature,
  carryToolCallSignatures,
  restoreToolCallIds,
} from '../canonical/tool-call-id.js';
import { openAttempt } from './open-attempt.js';
import { estimateUsage } from '../tokens/estimate-tokens.js';
import { newRequestLog } from './relay-runtime.js';
import type { AttemptLog, RelayRuntime, RequestLog } from './relay-runtime.js';
import { accumulateStream } from '../canonical/accumulate-stream.js';
import type { CacheDirective } from '../cache/cache-directive.js';
import type { CacheLookup } from '../cache/answer-cache.js';
import { sendAnswer } from '../cache/replay-answer.js';
import { serveCachedAnswer } from '../cache/serve-cached-answer.js';
import { routeExtrasFor } from '../gates/route-extras.js';
import { applyGates, bufferForGates, bufferStream } from '../gates/apply-gates.js';
import { planGateTries } from '../gates/plan-gate-tries.js';

export interface RequestMeta {
  id: string;
  client?: string;
  /** runtime.now() when the body had been read: the relay's clock starts here. */
  receivedAt: number;
  createdAt: number;
  /** What the client's headers asked of the cache (Cache-Control, x-relay-cache). */
  cacheDirective?: CacheDirective;
}

/** The visible and reasoning text of a whole answer (tool arguments count as output). */
function textOf(answer: CanonicalResponse): { text: string; reasoning: string } {
  let text = '';
  let reasoning = '';
  for (const part of answer.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'tool_call') text += part.arguments;
    else reasoning += part.text;
  }
  return { text, reasoning };
}

function formatMs(ms: number): string {
  return ms.toFixed(3);
}

function formatCost(cost: number | null): string {
  return cost === null ? 'unpriced' : cost.toFixed(10).replace(/\.?0+$/, '') || '0';
}

/**
 * Serves one model request in any dialect: resolve targets, try them in order, fail over on
 * retryable errors until a byte has reached the client, stream or answer in the client's dialect,
 * and record the request with every attempt. Never throws: every failure becomes a response.
 */
export async function handleModelRequest(
  runtime: RelayRuntime,
  codec: DialectCodec,
  body: unknown,
  response: ServerResponse,
  meta: RequestMeta,
): Promise<void> {
  const attempts: AttemptLog[] = [];
  const log = newRequestLog(meta, codec.dialect, body, attempts);
  // relay time: everything outside upstream waits
  let relayMs = 0;
  let mark = meta.receivedAt;
  const baseHeaders: Record<string, string> = { 'x-relay-request-id': meta.id };
  const clientGone = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) clientGone.abort();
  });

  const finish = (status: RequestLog['status'], httpStatus: number, errorCode?: string) => {
    log.status = status;
    log.httpStatus = httpStatus;
    if (errorCode) log.errorCode = errorCode;
    log.latencyMs = runtime.now() - meta.receivedAt;
    log.overheadMs = relayMs;
    runtime.record(log);
  };
  const fail = (error: unknown) => {
    const relayError = toRelayError(error);
    relayMs += runtime.now() - mark;
    const headers = {
      ...baseHeaders,
      'x-relay-attempts': attempts.length,
      'x-relay-overhead-ms': formatMs(relayMs),
    };
    if (!clientGone.signal.aborted) sendError(response, relayError, codec.encodeError, runtime, headers);
    finish(clientGone.signal.aborted ? 'client_closed' : 'error', relayError.status, relayError.code);
  };

  let request: CanonicalRequest;
  let targets: Target[];
  let features: ReturnType<typeof describeRequest>;
  try {
    request = codec.parse(body);
    restoreToolCallIds(request);
    runtime.limiter.check(meta.client, request.model);
    log.stream = request.stream;
    features = describeRequest(request, meta.client);
    targets = orderTargets(
      runtime,
      planTargets(
        resolveTargets(request.model, runtime.providers, runtime.routes, runtime.serves, features),
        runtime.routes,
        runtime.policy.regions,
        runtime.health,
      ).eligible,
      features,
      request.maxOutputTokens,
    );
  } catch (error) {
    fail(error);
    return;
  }
  log.route = targets[0]?.route;
  const extras = routeExtrasFor(runtime.routes, log.route, features);
  const cached: CacheLookup | undefined = await runtime.cache?.lookup(request, extras, meta.cacheDirective);
  if (cached) baseHeaders['x-relay-cache'] = log.cache = cached.outcome;
  // embedding and rewrite calls are upstream waits, not relay time
  mark += cached?.upstreamMs ?? 0;
  if (cached?.hit) {
    serveCachedAnswer(codec, request, response, { ...cached, hit: cached.hit }, log, () => {
      relayMs += runtime.now() - mark;
      mark = runtime.now();
      return { ...baseHeaders, 'x-relay-overhead-ms': formatMs(relayMs) };
    });
    finish('ok', 200);
    return;
  }

  let lastError: RelayError | undefined;
  const limit = Math.max(1, runtime.fallback.maxAttempts);
  const gates = extras?.gates;
  const tries = gates ? planGateTries(targets, gates, limit) : targets.slice(0, limit);
  for (const [tryIndex, target] of tries.entries()) {
    const { provider, model } = target;
    const opened = await openAttempt(runtime, target, attempts);
    const attempt = opened.attempt;
    if (!opened.ready) {
      lastError = opened.error;
      continue;
    }
    const { adapter, apiKey } = opened.ready;
    const upstream = new AbortController();
    const abortUpstream = () => upstream.abort();
    clientGone.signal.addEventListener('abort', abortUpstream, { once: true });
    const sentAt = runtime.now();
    relayMs += sentAt - mark;
    try {
      let result = await adapter.send(request, {
        provider,
        model,
        apiKey,
        signal: upstream.signal,
        dispatcher: runtime.dispatcher,
      });
      if (gates && result.kind === 'stream' && bufferForGates(request, gates))
        result = { kind: 'response', response: await bufferStream(result.events) };
      if (result.kind === 'response') {
        const upstreamDone = runtime.now();
        attempt.latencyMs = upstreamDone - sentAt;
        mark = upstreamDone;
        result.response.usage ??= await estimateUsage(request, textOf(result.response));
        if (gates) {
          const verdict = await applyGates(runtime, gates, request, result.response, attempt, {
            lastTry: tryIndex === tries.length - 1,
            price: () => runtime.price(provider, result.response.model || model, result.response.usage),
          });
          mark = runtime.now();
          baseHeaders['x-relay-gates'] = verdict;
          if (verdict === 'retry') {
            lastError = new RelayError(
              'UPSTREAM_PROTOCOL_ERROR',
              "the answer failed the route's quality gates",
            );
            continue;
          }
        }
        answerWhole(
          runtime,
          codec,
          request,
          response,
          result.response,
          provider,
          target,
          attempt,
          log,
          baseHeaders,
          () => {
            relayMs += runtime.now() - mark;
            return relayMs;
          },
        );
        runtime.health.recordSuccess(targetKey(target));
        if (baseHeaders['x-relay-gates'] !== 'failed')
          cached?.save?.(result.response, provider.id, log.upstreamModel ?? model, attempt.costUsd);
        finish('ok', 200);
        return;
      }
      const iterator = result.events[Symbol.asyncIterator]();
      const pull = () =>
        nextWithTimeout(iterator, runtime.fallback.firstTokenTimeoutMs, provider.id, abortUpstream);
      // hold the stream's opening event until content follows: an upstream that fails right
      // after opening (Anthropic's overloaded, OpenAI's insufficient_quota) can still fail over
      const opening: StreamEvent[] = [];
      let first = await pull();
      while (!first.done && first.value.type === 'message_start') {
        opening.push(first.value);
        first = await pull();
      }
      const firstAt = runtime.now();
      attempt.ttftMs = firstAt - sentAt;
      mark = firstAt;
      const collected = cached?.save ? [...opening] : undefined;
      const relayWorkMs = await streamAnswer(runtime, codec, request, response, iterator, opening, first, {
        provider,
        target,
        attempt,
        log,
        headers: baseHeaders,
        relayMsSoFar: () => relayMs + (runtime.now() - mark),
        sentAt,
        receivedAt: meta.receivedAt,
        collected,
      });
      relayMs += relayWorkMs;
      if (attempt.status === 'ok') runtime.health.recordSuccess(targetKey(target));
      else if (attempt.errorCode && attempt.errorCode !== 'NO_KEY' && attempt.errorCode !== 'GATE_FAILED')
        runtime.health.recordFailure(targetKey(target), attempt.errorCode);
      if (attempt.status === 'ok' && collected)
        cached?.save?.(accumulateStream(collected), provider.id, log.upstreamModel ?? model, attempt.costUsd);
      finish(log.status, 200, log.errorCode);
      return;
    } catch (error) {
      const relayError = toRelayError(error);
      const failedAt = runtime.now();
      attempt.latencyMs = failedAt - sentAt;
      attempt.errorCode = relayError.code;
      attempt.httpStatus = relayError.upstreamStatus;
      mark = failedAt;
      if (clientGone.signal.aborted) {
        attempt.status = 'client_closed';
        fail(new RelayError('CLIENT_CLOSED', 'client closed the connection'));
        return;
      }
      lastError = relayError;
      runtime.health.recordFailure(targetKey(target), relayError.code, relayError.retryAfterMs);
      const fallbackClass = classifyFallback(relayError.code);
      if (fallbackClass && runtime.fallback.on.includes(fallbackClass)) continue;
      fail(relayError);
      return;
    } finally {
      clientGone.signal.removeEventListener('abort', abortUpstream);
    }
  }
  fail(lastError ?? new RelayError('NO_PROVIDER', 'no provider could serve this request'));
}

function applyPrice(
  runtime: RelayRuntime,
  provider: ResolvedProvider,
  model: string,
  usage: Usage | undefined,
  attempt: AttemptLog,
  log: RequestLog,
) {
  const price = runtime.price(provider, model, usage);
  attempt.costUsd = price.costUsd;
  attempt.unpriced = price.unpriced;
  attempt.usage = usage;
  log.costUsd = price.costUsd;
  log.unpriced = price.unpriced;
  log.usage = usage;
  return price;
}

function answerWhole(
  runtime: RelayRuntime,
  codec: DialectCodec,
  request: CanonicalRequest,
  response: ServerResponse,
  answer: CanonicalResponse,
  provider: ResolvedProvider,
  target: Target,
  attempt: AttemptLog,
  log: RequestLog,
  baseHeaders: Record<string, string>,
  relayMs: () => number,
): void {
  const upstreamModel = answer.model || target.model;
  const price = applyPrice(runtime, provider, upstreamModel, answer.usage, attempt, log);
  attempt.status = 'ok';
  log.provider = provider.id;
  log.upstreamModel = upstreamModel;
  // a whole answer to a streaming client is a gated, buffered stream: replayed as one
  sendAnswer(codec, request, response, carryToolCallSignatures(answer), () => ({
    ...baseHeaders,
    'x-relay-provider': provider.id,
    'x-relay-model': upstreamModel,
    'x-relay-attempts': log.attempts.length,
    'x-relay-cost-usd': formatCost(price.costUsd),
    'x-relay-overhead-ms': formatMs(relayMs()),
  }));
}

interface StreamContext {
  provider: ResolvedProvider;
  target: Target;
  attempt: AttemptLog;
  log: RequestLog;
  headers: Record<string, string>;
  relayMsSoFar: () => number;
  sentAt: number;
  receivedAt: number;
  /** Receives every event, for the cache (undefined: the answer is not kept). */
  collected?: StreamEvent[];
}

async function streamAnswer(
  runtime: RelayRuntime,
  codec: DialectCodec,
  request: CanonicalRequest,
  response: ServerResponse,
  iterator: AsyncIterator<StreamEvent>,
  opening: StreamEvent[],
  first: IteratorResult<StreamEvent>,
  context: StreamContext,
): Promise<number> {
  const { provider, target, attempt, log } = context;
  const encoder = codec.createStreamEncoder(request);
  let upstreamModel = target.model;
  let usage: Usage | undefined;
  const start = opening.find((event) => event.type === 'message_start');
  if (start?.type === 'message_start' && start.model) upstreamModel = start.model;
  log.provider = provider.id;
  log.upstreamModel = upstreamModel;
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...context.headers,
    'x-relay-provider': provider.id,
    'x-relay-model': upstreamModel,
    'x-relay-attempts': log.attempts.length,
    'x-relay-overhead-ms': formatMs(context.relayMsSoFar()),
  });
  // events parsed from one upstream read go out in one socket write: cork on the first, uncork
  // once the event loop has handled the rest of that read
  let corked = false;
  const uncork = () => {
    corked = false;
    response.uncork();
  };
  const write = async (text: string) => {
    if (text.length === 0) return;
    if (!corked) {
      corked = true;
      response.cork();
      setImmediate(uncork);
    }
    if (!response.write(text)) {
      if (corked) uncork();
      await once(response, 'drain');
    }
  };
  let firstWrite = true;
  let relayWork = 0;
  let next = first;
  // what the client received, for estimating usage when the upstream never reports it
  const seen = { text: '', reasoning: '' };
  try {
    for (const event of opening) await write(encoder.encode(event));
    while (!next.done) {
      const event = next.value;
      const began = runtime.now();
      context.collected?.push(event);
      if (event.type === 'usage') usage = event.usage;
      else if (event.type === 'text_delta') seen.text += event.text;
      else if (event.type === 'tool_arguments_delta') seen.text += event.arguments;
      else if (event.type === 'reasoning_delta') seen.reasoning += event.text;
      const text = encoder.encode(carryToolCallSignature(event));
      if (firstWrite && text.length > 0) {
        firstWrite = false;
        log.ttftMs = runtime.now() - context.receivedAt;
      }
      relayWork += runtime.now() - began;
      await write(text);
      next = await iterator.next();
    }
    attempt.status = 'ok';
    log.status = 'ok';
  } catch (error) {
    const relayError = toRelayError(error);
    attempt.errorCode = relayError.code;
    log.errorCode = relayError.code;
    if (relayError.code === 'CLIENT_CLOSED' || response.destroyed) {
      attempt.status = 'client_closed';
      log.status = 'client_closed';
    } else {
      // the client already has bytes: end with an error event, never a silent success
      attempt.status = 'error';
      log.status = 'error';
      response.write(encoder.encodeError(relayError, runtime.redact(relayError.message)));
    }
  } finally {
    attempt.latencyMs = runtime.now() - context.sentAt;
    if (!response.destroyed) response.end();
  }
  // a stream cut short, or a provider that reports no usage, is still charged: count it ourselves
  usage ??= await estimateUsage(request, seen);
  applyPrice(runtime, provider, upstreamModel, usage, attempt, log);
  return relayWork;
}
