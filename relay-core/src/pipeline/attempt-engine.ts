import { RelayError } from '../canonical/errors.js';
import { failsOver, fallbackClassOf } from '../canonical/retry-rules.js';
import { targetKey } from '../routing/plan-targets.js';
import type { Target } from '../routing/resolve-targets.js';
import type { RelayRuntime } from './relay-runtime.js';

/** What one try at a target came to, as the step that made it tells the engine. */
export type Tried<T> =
  /** The request is served (or ended for good): the engine returns this. */
  | { served: T }
  /** The target could not be tried (no key, no adapter, an open circuit): on to the next. */
  | { skipped: RelayError }
  /** The try ended without failing upstream (a failed gate, a stream waiting to be continued): on to the next. */
  | { next: RelayError | undefined }
  /** The upstream failed (a hedge may fail twice): the retry rules decide whether to go on. */
  | { failed: Array<[Target, RelayError]> }
  /** Nothing more may be tried (the client went away). */
  | { stop: RelayError };

/** The step that tries one target; `queue` holds the targets left, which a hedge may take from. */
export type TryTarget<T> = (target: Target, queue: Target[]) => Promise<Tried<T>>;

/**
 * The one loop that tries targets, for every kind of call (model requests, embeddings, gate
 * evaluators, semantic rewrites, the cache's embedder): takes the targets from `queue` in order
 * and hands each to `step`, then judges a failure by the retry rules (canonical/retry-rules.ts):
 * it counts against the target's health, and either the next target is tried (only those with a
 * larger context window after a prompt too long) or the request fails with it. A target's
 * refusal of what it cannot honour (a 400 naming the parameter, before anything was sent) moves
 * on too, and is what the client gets only when no target could serve it otherwise.
 */
export async function tryTargets<T>(
  runtime: RelayRuntime,
  queue: Target[],
  step: TryTarget<T>,
  /** The error when no target was tried at all. */
  noneTried: () => RelayError = () => new RelayError('NO_PROVIDER', 'no provider could serve this request'),
): Promise<{ served: T } | { error: RelayError }> {
  let lastError: RelayError | undefined;
  let refusal: RelayError | undefined;
  while (queue.length > 0) {
    const tried = await step(queue.shift()!, queue);
    if ('served' in tried) return tried;
    if ('stop' in tried) return { error: tried.stop };
    if ('skipped' in tried) lastError = tried.skipped;
    else if ('next' in tried) lastError = tried.next ?? lastError;
    else {
      const stop = judgeFailures(runtime, tried.failed, queue);
      for (const [, error] of tried.failed)
        if (error.code === 'BAD_REQUEST') refusal ??= error;
        else lastError = error;
      if (stop) return { error: stop };
    }
  }
  return { error: lastError ?? refusal ?? noneTried() };
}

/**
 * Records each upstream failure against its target's health and narrows the queue after a prompt
 * too long; returns the failure that ends the request, when one may not fail over.
 */
function judgeFailures(
  runtime: RelayRuntime,
  failures: Array<[Target, RelayError]>,
  queue: Target[],
): RelayError | undefined {
  let stop: RelayError | undefined;
  for (const [target, error] of failures) {
    if (error.code === 'BAD_REQUEST') continue;
    runtime.health.recordFailure(targetKey(target), error.code, error.retryAfterMs);
    if (!failsOver(error.code, runtime.fallback.on)) stop = error;
    else if (fallbackClassOf(error.code) === 'context_length') keepLargerContext(runtime, target, queue);
  }
  return stop;
}

/**
 * After a context-too-long error only targets with a larger context window (or an unknown one)
 * are worth trying.
 */
function keepLargerContext(runtime: RelayRuntime, failed: Target, queue: Target[]): void {
  const window = runtime.contextWindow(failed.provider, failed.model);
  if (window === undefined) return;
  const larger = queue.filter(
    (target) => (runtime.contextWindow(target.provider, target.model) ?? Infinity) > window,
  );
  queue.splice(0, queue.length, ...larger);
}
