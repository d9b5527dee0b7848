import type { RelayError } from '../canonical/errors.js';
import { toRelayError } from '../canonical/errors.js';
import type { AdapterContext, ProviderAdapter } from '../providers/types.js';
import { targetKey } from '../routing/plan-targets.js';
import type { Target } from '../routing/resolve-targets.js';
import { tryTargets } from './attempt-engine.js';
import { openAttempt } from './open-attempt.js';
import type { AttemptLog, RelayRuntime } from './relay-runtime.js';

export interface CallOptions {
  /** Whether an adapter can make this call (e.g. has an embeddings API); default: any. */
  canServe?: (adapter: ProviderAdapter) => boolean;
  /** What to say when `canServe` refuses, e.g. 'has no embeddings API'. */
  unsupported?: string;
  /** The error when no target was tried at all. */
  noneTried?: () => RelayError;
}

/** A call's answer, with the target that gave it and its attempt's log. */
export interface Called<T> {
  value: T;
  target: Target;
  attempt: AttemptLog;
}

/**
 * Makes a call whose answer comes whole (an embedding, a gate's evaluation, a rewrite) through the
 * attempt engine (tryTargets): each target opened as any attempt is (a key, an adapter that can
 * serve it, a circuit that lets it through), timed and recorded in `attempts`, its success or
 * failure counted for the breaker, failing over by the retry rules. Throws the error that ended it.
 */
export async function callTargets<T>(
  runtime: RelayRuntime,
  targets: Target[],
  attempts: AttemptLog[],
  options: CallOptions,
  call: (target: Target, adapter: ProviderAdapter, context: AdapterContext) => Promise<T>,
): Promise<Called<T>> {
  const outcome = await tryTargets<Called<T>>(
    runtime,
    [...targets],
    async (target) => {
      const opened = await openAttempt(runtime, target, attempts, options.canServe, options.unsupported);
      const { attempt } = opened;
      if (!opened.ready) return { skipped: opened.error! };
      const { adapter, apiKey } = opened.ready;
      const started = runtime.now();
      try {
        const value = await call(target, adapter, {
          provider: target.provider,
          model: target.model,
          apiKey,
          signal: AbortSignal.timeout(target.provider.timeoutMs),
          dispatcher: runtime.dispatcher,
        });
        attempt.latencyMs = runtime.now() - started;
        attempt.status = 'ok';
        runtime.health.recordSuccess(targetKey(target));
        return { served: { value, target, attempt } };
      } catch (error) {
        const relayError = toRelayError(error);
        attempt.latencyMs = runtime.now() - started;
        attempt.errorCode = relayError.code;
        attempt.errorMessage = relayError.message;
        attempt.httpStatus = relayError.upstreamStatus;
        return { failed: [[target, relayError]] };
      }
    },
    options.noneTried,
  );
  if ('error' in outcome) throw outcome.error;
  return outcome.served;
}
