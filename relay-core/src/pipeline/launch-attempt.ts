import { RelayError, toRelayError } from '../canonical/errors.js';
import type { CanonicalRequest, CanonicalResponse, StreamEvent } from '../canonical/types.js';
import type { Target } from '../routing/resolve-targets.js';
import type { AdapterContext, AdapterResult, ProviderAdapter } from '../providers/types.js';
import { forgetClientBody } from '../canonical/client-body.js';
import { fitToTarget } from './fit-request.js';
import { openAttempt } from './open-attempt.js';
import { AbortSwitch } from './abort-switch.js';
import type { AttemptLog, RelayRuntime } from './relay-runtime.js';

/** What an attempt has for the client once it succeeded: a whole answer, or a stream's start. */
export type AttemptResult =
  | { kind: 'response'; response: CanonicalResponse }
  | {
      kind: 'stream';
      /** The next event if it is already here (undefined: wait for `next`); throws once aborted. */
      pull(): IteratorResult<StreamEvent> | undefined;
      /** Waits for the next event; rejects when the upstream is aborted. */
      next(): Promise<IteratorResult<StreamEvent>>;
      /** Bytes of the last upstream read not yet turned into events. */
      pendingBytes(): number;
      /** The stream's opening events, held until content followed. */
      opening: StreamEvent[];
      /** The first event after the opening (content, or the end). */
      first: IteratorResult<StreamEvent>;
    };

/** An attempt under way: its outcome resolves once it has something for the client, or failed. */
export interface RunningAttempt {
  target: Target;
  attempt: AttemptLog;
  sentAt: number;
  /** When the upstream request was handed to the HTTP client, once it was. */
  dispatchedAt(): number | undefined;
  /** Time spent so far waiting for the upstream's streamed chunks (not relay time). */
  upstreamWaitMs(): number;
  /**
   * The relay's work from the end of the last wait for the upstream's body to the attempt's
   * result: converting a whole answer, or a stream's first events (0 until it succeeded).
   */
  answerWorkMs(): number;
  outcome: Promise<{ result: AttemptResult; error?: undefined } | { error: RelayError; result?: undefined }>;
  /** Aborts the upstream request (a hedge's loser, or the client went away). */
  abort(): void;
  /** Detaches from the client's connection; call once the attempt is over. */
  release(): void;
}

/** A target that could not even be tried (no key, no adapter). */
export interface UntriedAttempt {
  target: Target;
  attempt: AttemptLog;
  error: RelayError;
}

/**
 * Fits the request to the attempt's target (pipeline/fit-request.ts), records what changed, and
 * hands it to the adapter. Throws the target's refusal of what it cannot honour. A function of its
 * own: a fitted copy lives only in this frame and the adapter's, never in the attempt's closures.
 */
function sendFitted(
  runtime: RelayRuntime,
  adapter: ProviderAdapter,
  request: CanonicalRequest,
  attempt: AttemptLog,
  context: AdapterContext,
): Promise<AdapterResult> {
  const fitted = fitToTarget(runtime, request, context);
  const changes = fitted.notes.filter((note) => note.change !== 'kept');
  if (changes.length > 0) attempt.fitted = changes;
  const sent = adapter.send(fitted.request, context);
  // the adapter encoded its body before its first wait: a copy holds the client's bytes no longer
  if (fitted.request !== request) forgetClientBody(fitted.request);
  return sent;
}

/** The attempt's deadline: the route's own, else its provider's, else `fallback`'s. */
function deadlineMs(runtime: RelayRuntime, { provider, deadlines }: Target, stream: boolean): number {
  const key = stream ? 'firstTokenMs' : 'firstByteMs';
  return (
    deadlines?.[key] ??
    provider.deadlines?.[key] ??
    (stream ? runtime.fallback.firstTokenTimeoutMs : runtime.fallback.firstByteTimeoutMs)
  );
}

const abortedError = () => new RelayError('CLIENT_CLOSED', 'request aborted');

/** What `sent` settles with, unless `signal` aborts first: then a CLIENT_CLOSED error. */
function unlessAborted<T>(sent: Promise<T>, signal: AbortSwitch): Promise<T> {
  return new Promise((resolve, reject) => {
    signal.onAbort(() => reject(abortedError()));
    sent.then(resolve, reject);
  });
}

/**
 * Sends one request to one target and waits until it has something for the client: a whole
 * answer, or a stream whose first content event arrived (its opening events are held, so an
 * upstream that fails right after opening — Anthropic's overloaded, OpenAI's insufficient_quota —
 * can still fail over). When another target is left to fail over to, a stream that produces no
 * content within its first-token deadline, or a whole answer whose response has not begun within
 * its first-byte deadline, counted from the moment the request was sent, is aborted and fails as
 * a timeout (which the breaker counts); the last target is given until the provider's own timeout.
 */
export async function launchAttempt(
  runtime: RelayRuntime,
  request: CanonicalRequest,
  target: Target,
  attempts: AttemptLog[],
  clientGone: AbortSwitch,
  /** Whether a first-token timeout applies (there is a target left to fail over to). */
  canFailOver: boolean,
): Promise<RunningAttempt | UntriedAttempt> {
  // opened at once when its key is at hand: no turn of the microtask queue
  const opening = openAttempt(runtime, target, attempts);
  const opened = opening instanceof Promise ? await opening : opening;
  if (!opened.ready) return { target, attempt: opened.attempt, error: opened.error! };
  const { adapter, apiKey } = opened.ready;
  const { attempt } = opened;
  const { provider, model } = target;
  const upstream = new AbortSwitch();
  const abort = () => upstream.abort();
  const release = clientGone.onAbort(abort);
  const timeoutMs = deadlineMs(runtime, target, request.stream);
  let timedOut = false;
  let deadline =
    canFailOver && timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          upstream.abort();
        }, timeoutMs)
      : undefined;
  // a whole answer has shown it is coming once its headers arrived; its body has the provider's timeout
  const onHeaders = request.stream
    ? undefined
    : () => {
        clearTimeout(deadline);
        deadline = undefined;
      };
  const sentAt = runtime.now();
  let upstreamWaitMs = 0;
  let dispatchedAt: number | undefined;
  let lastWaitEndedAt: number | undefined;
  let answerWorkMs = 0;
  const answered = () => {
    answerWorkMs = lastWaitEndedAt === undefined ? 0 : runtime.now() - lastWaitEndedAt;
  };

  // The request comes in as a parameter, not from the enclosing scope. The attempt's closures
  // (the abort switch's listeners, the dispatch handler's callbacks) share this function's
  // context, and measured, that context outlives the request for V8's young-generation
  // collections: it is promoted and waits for the next full collection (a heap snapshot runs a
  // full collection first, so it never shows what holds it). Had the context held the request,
  // every request's whole tree would go with it: for the 88 kB agent request, 0.74 MB promoted
  // per young collection instead of 0.07 MB (bench/README.md, "Garbage that outlives its
  // request").
  const outcome = (async (toSend: CanonicalRequest) => {
    try {
      const result = await unlessAborted(
        sendFitted(runtime, adapter, toSend, attempt, {
          provider,
          model,
          apiKey,
          signal: upstream,
          dispatcher: runtime.dispatcher,
          onHeaders,
          onDispatch: () => {
            dispatchedAt ??= runtime.now();
          },
          onUpstreamWait: (ms) => {
            upstreamWaitMs += ms;
            lastWaitEndedAt = runtime.now();
          },
        }),
        upstream,
      );
      // the key was let through: a hold or open circuit of its own ends
      if (attempt.keyName !== undefined) runtime.keys.recordSuccess(provider.id, attempt.keyName);
      if (result.kind === 'response') {
        attempt.latencyMs = runtime.now() - sentAt;
        answered();
        return { result };
      }
      const source = result.events;
      // not a race with the abort: every race would leave a listener on the switch, one per wait,
      // held until the stream ends. One pending wait at a time instead.
      let rejectWait: ((error: RelayError) => void) | undefined;
      const next = (): Promise<IteratorResult<StreamEvent>> => {
        if (upstream.aborted) return Promise.reject(abortedError());
        return new Promise((resolve, reject) => {
          rejectWait = reject;
          source.next().then(resolve, reject);
        });
      };
      const pull = (): IteratorResult<StreamEvent> | undefined => {
        if (upstream.aborted) throw abortedError();
        return source.pull();
      };
      upstream.onAbort(() => {
        rejectWait?.(abortedError());
        void source.return().catch(() => undefined);
      });
      const opening: StreamEvent[] = [];
      let first = pull() ?? (await next());
      while (!first.done && first.value.type === 'message_start') {
        opening.push(first.value);
        first = pull() ?? (await next());
      }
      attempt.ttftMs = runtime.now() - sentAt;
      answered();
      const pendingBytes = () => source.pendingBytes?.() ?? 0;
      return { result: { kind: 'stream' as const, pull, next, pendingBytes, opening, first } };
    } catch (error) {
      const relayError = timedOut
        ? new RelayError(
            'UPSTREAM_TIMEOUT',
            `${provider.id}: ${toSend.stream ? 'no first token' : 'no answer'} within ${timeoutMs} ms`,
            { provider: provider.id },
          )
        : toRelayError(error);
      // a hedge's loser was already written off when it was aborted
      if (attempt.status !== 'cancelled') {
        attempt.latencyMs = runtime.now() - sentAt;
        attempt.errorCode = relayError.code;
        attempt.errorMessage = relayError.message;
        attempt.httpStatus = relayError.upstreamStatus;
      }
      return { error: relayError };
    } finally {
      clearTimeout(deadline);
    }
  })(request);

  return {
    target,
    attempt,
    sentAt,
    dispatchedAt: () => dispatchedAt,
    upstreamWaitMs: () => upstreamWaitMs,
    answerWorkMs: () => answerWorkMs,
    outcome,
    abort,
    release,
  };
}

/**
 * Waits for the first of several running attempts to succeed; the others keep running (the caller
 * aborts them). When every one fails, answers with all their errors, in the order they failed.
 */
export function firstSuccess(
  runs: RunningAttempt[],
): Promise<
  { winner: RunningAttempt; result: AttemptResult } | { failures: Array<[RunningAttempt, RelayError]> }
> {
  // one attempt, as on most routes: its outcome is the answer
  if (runs.length === 1) {
    const run = runs[0]!;
    return run.outcome.then((outcome) =>
      outcome.result ? { winner: run, result: outcome.result } : { failures: [[run, outcome.error]] },
    );
  }
  return new Promise((resolve) => {
    const failures: Array<[RunningAttempt, RelayError]> = [];
    let done = false;
    for (const run of runs) {
      void run.outcome.then((outcome) => {
        if (done) return;
        if (outcome.result) {
          done = true;
          resolve({ winner: run, result: outcome.result });
          return;
        }
        failures.push([run, outcome.error]);
        if (failures.length === runs.length) {
          done = true;
          resolve({ failures });
        }
      });
    }
  });
}
