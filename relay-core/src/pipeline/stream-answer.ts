import type { ServerResponse } from 'node:http';
import { addUsage } from '../canonical/add-usage.js';
import { RelayError, toRelayError } from '../canonical/errors.js';
import { carryToolCallSignature } from '../canonical/tool-call-id.js';
import type { CanonicalRequest, StreamEvent, Usage } from '../canonical/types.js';
import type { DialectCodec } from '../dialects/dialect-codec.js';
import type { Target } from '../routing/resolve-targets.js';
import { toClientError } from '../shared/send-json.js';
import { estimateUsage } from '../tokens/estimate-tokens.js';
import { completeUsage } from '../canonical/usage-counts.js';
import { applyPrice } from './apply-price.js';
import type { AttemptResult } from './launch-attempt.js';
import { relayHeaders } from './relay-headers.js';
import type { RelayHeaderFields } from './relay-headers.js';
import type { AttemptLog, RelayRuntime, RequestLog } from './relay-runtime.js';
import type { StreamResume } from './resume-stream.js';
import type { ResumePoint } from './stream-progress.js';

/** A stream's encoded events are written once they reach this many characters, at the latest. */
const flushAtChars = 64 * 1024;
/**
 * How much of an upstream read must still wait for conversion after the first token for the relay
 * to step aside first: about 0.2 ms of conversion (more on a cold process), against a pause of
 * about a millisecond before the rest of the stream.
 */
const stepAsideAtBytes = 16 * 1024;

/** Gives up the CPU until the next turn of the event loop's timers (about a millisecond when idle). */
function stepAside(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Resolves once a response that a slow client left behind drains, or its connection closes. */
function drainedOrClosed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

export interface StreamContext {
  target: Target;
  attempt: AttemptLog;
  log: RequestLog;
  /** The request's header fields so far (its id, the cache's outcome). */
  headers: RelayHeaderFields;
  relayMsSoFar: () => number;
  sentAt: number;
  receivedAt: number;
  upstreamWaitMs(): number;
  /** The request found the relay idle (pipeline/relay-activity.ts). */
  arrivedIdle: boolean;
  /** Receives every event, for the cache (undefined: the answer is not kept). */
  collected?: StreamEvent[];
  /**
   * Set when the stream may be continued should it break (`fallback.resume_streams`); when it
   * broke before, this attempt is the continuation and goes on in the client's stream.
   */
  resume?: StreamResume;
}

/**
 * Streams one attempt's events to the client in its dialect and records the attempt. The first
 * attempt opens the client's stream; when it breaks where `context.resume` can go on, the stream
 * stays open (`resume.waiting`) for a continuation, which is streamed by this function again.
 * Returns the relay's own time: the stream's wall time less the waits for upstream chunks and for
 * the client.
 */
export async function streamAnswer(
  runtime: RelayRuntime,
  codec: DialectCodec,
  /** The request this attempt was sent (a continuation's, for a continuation). */
  request: CanonicalRequest,
  response: ServerResponse,
  { pull, next: wait, pendingBytes, opening, first }: Extract<AttemptResult, { kind: 'stream' }>,
  context: StreamContext,
): Promise<number> {
  const streamStart = runtime.now();
  const waitedBefore = context.upstreamWaitMs();
  const { target, attempt, log, resume } = context;
  const { provider } = target;
  const splice = resume?.takeOver();
  const encoder = splice && resume?.encoder ? resume.encoder : codec.createStreamEncoder(request);
  const progress = resume?.progress;
  let upstreamModel = target.model;
  let usage: Usage | undefined;
  const start = opening.find((event) => event.type === 'message_start');
  if (start?.type === 'message_start' && start.model) upstreamModel = start.model;
  if (!splice) {
    log.provider = provider.id;
    log.upstreamModel = upstreamModel;
    response.writeHead(200, {
      'content-type': encoder.contentType ?? 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      ...relayHeaders({
        ...context.headers,
        provider: provider.id,
        model: upstreamModel,
        attempts: log.attempts.length,
        overheadMs: context.relayMsSoFar(),
      }),
    });
  }
  // the events of one upstream read go out in one write, once the read is used up (or sooner
  // when it is large); the first token goes out at once, not after the rest of its read
  let buffered = '';
  let clientWaitMs = 0;
  const flush = async () => {
    if (buffered.length === 0) return;
    const text = buffered;
    buffered = '';
    log.ttftMs ??= runtime.now() - context.receivedAt;
    // corked by us, Node does not cork the write until its next tick: it leaves now, before the
    // rest of the upstream read is converted
    response.cork();
    const written = response.write(text);
    response.uncork();
    if (written) return;
    const asked = runtime.now();
    await drainedOrClosed(response);
    clientWaitMs += runtime.now() - asked;
    if (response.destroyed) throw new RelayError('CLIENT_CLOSED', 'client closed the connection');
  };
  const send = (event: StreamEvent) => {
    progress?.observe(event);
    buffered += encoder.encode(codec.signaturesInParts ? event : carryToolCallSignature(event));
  };
  let tokenSent = false;
  let next = first;
  // what the client received, for estimating usage when the upstream never reports it
  const seen = { text: '', reasoning: '' };
  let broke: { error: RelayError; point: ResumePoint } | undefined;
  try {
    for (const event of opening) {
      if (splice) splice.map(event).forEach(send);
      else send(event);
    }
    while (!next.done) {
      const event = next.value;
      if (event.type === 'finish' && !usage) {
        // an upstream that reported no usage: the client gets the relay's count before the end,
        // as a whole answer does, rather than a dialect's made-up zeros
        usage = await estimateUsage(request, seen);
        const counted: StreamEvent = { type: 'usage', usage };
        context.collected?.push(counted);
        if (splice) splice.map(counted).forEach(send);
        else send(counted);
      }
      context.collected?.push(event);
      if (event.type === 'usage') usage = event.usage;
      else if (event.type === 'finish') log.finishReason = event.reason;
      else if (event.type === 'text_delta') seen.text += event.text;
      else if (event.type === 'tool_arguments_delta') seen.text += event.arguments;
      else if (event.type === 'reasoning_delta') seen.reasoning += event.text;
      if (splice) splice.map(event).forEach(send);
      else send(event);
      let firstToken = false;
      if (!tokenSent && event.type.endsWith('_delta')) {
        tokenSent = firstToken = true;
        await flush();
      } else if (buffered.length >= flushAtChars) await flush();
      const ready = pull();
      if (ready) {
        // the first token is out and much more of its upstream read is waiting: on an idle
        // machine, step off the CPU for a moment before converting the rest, so the client's
        // process, woken on the relay's core, can take the token (without this it waited for the
        // whole read's conversion). A relay busy with other requests does not pause: its client
        // finds a core of its own, and a pause would only leave the relay idle between requests
        if (firstToken && context.arrivedIdle && pendingBytes() >= stepAsideAtBytes) {
          const asked = runtime.now();
          await stepAside();
          // not the relay's work: the time it left to the client
          clientWaitMs += runtime.now() - asked;
        }
        next = ready;
      } else {
        await flush();
        next = await wait();
      }
    }
    attempt.status = 'ok';
    log.status = 'ok';
    delete log.errorCode;
  } catch (error) {
    const relayError = toRelayError(error);
    attempt.errorCode = relayError.code;
    log.errorCode = relayError.code;
    attempt.errorMessage = log.errorMessage = relayError.message;
    if (relayError.code === 'CLIENT_CLOSED' || response.destroyed) {
      attempt.status = 'client_closed';
      log.status = 'client_closed';
    } else {
      attempt.status = 'error';
      log.status = 'error';
      const point = resume?.pointAfter(relayError);
      // the client already has bytes: the stream waits for its continuation, or ends with an
      // error event, never a silent success
      if (point) broke = { error: relayError, point };
      else {
        const { error: safe, message } = toClientError(relayError, runtime);
        buffered += encoder.encodeError(safe, message);
      }
    }
  } finally {
    attempt.latencyMs = runtime.now() - context.sentAt;
    if (buffered.length > 0) log.ttftMs ??= runtime.now() - context.receivedAt;
    if (response.destroyed) broke = undefined;
    else if (!broke) response.end(buffered);
    else if (buffered.length > 0) response.write(buffered);
  }
  // a stream cut short is still charged: what the upstream reported of the prompt as it began,
  // and the relay's count of the rest
  usage ??= completeUsage(
    start?.type === 'message_start' ? start.usage : undefined,
    await estimateUsage(request, seen),
  );
  applyPrice(runtime, provider, upstreamModel, usage, attempt, log);
  // the client consumed the attempts before this one too
  if (resume?.consumed) log.usage = addUsage(resume.consumed, usage);
  if (broke) resume?.broke(encoder, broke.error, broke.point, usage);
  return runtime.now() - streamStart - (context.upstreamWaitMs() - waitedBefore) - clientWaitMs;
}
