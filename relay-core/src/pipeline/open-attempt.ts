import { RelayError } from '../canonical/errors.js';
import type { ProviderAdapter } from '../providers/types.js';
import { targetKey } from '../routing/plan-targets.js';
import { keyVariables } from '../secrets/env-store.js';
import type { KeyChoice } from './key-pool.js';
import { pickKey } from './pick-key.js';
import type { Target } from '../routing/resolve-targets.js';
import type { AttemptLog, RelayRuntime } from './relay-runtime.js';

/**
 * Starts the attempt log for one target and checks it can be tried: a free key where the provider
 * needs one (its key strategy picks among several), an adapter that can serve the request, and a
 * circuit that lets it through (a half-open one lets one probe at a time). A target that cannot is
 * recorded with why, and the error says what the user can do about it.
 */
export function openAttempt(
  runtime: RelayRuntime,
  target: Target,
  attempts: AttemptLog[],
  canServe: (adapter: ProviderAdapter) => boolean = () => true,
  /** What to say when `canServe` refuses, e.g. 'has no embeddings API'. */
  unsupported = 'cannot serve this kind of request',
): OpenedAttempt | Promise<OpenedAttempt> {
  const { provider, model } = target;
  const attempt: AttemptLog = {
    provider: provider.id,
    model,
    startedAt: runtime.wallClock(),
    status: 'error',
    latencyMs: 0,
    costUsd: null,
    unpriced: false,
  };
  attempts.push(attempt);
  // the one place an attempt obtains its provider key
  // keys already read are chosen among at once, and the attempt opened with no turn of the event loop
  const picked = pickKey(runtime, provider, attempts);
  return picked instanceof Promise
    ? picked.then((choice) => openWithKey(runtime, target, attempt, choice, canServe, unsupported))
    : openWithKey(runtime, target, attempt, picked, canServe, unsupported);
}

/** An attempt opened: ready to send, or recorded with why it cannot be. */
export interface OpenedAttempt {
  attempt: AttemptLog;
  ready?: { adapter: ProviderAdapter; apiKey: string | undefined };
  error?: RelayError;
}

/** The rest of openAttempt, once the key is chosen. */
function openWithKey(
  runtime: RelayRuntime,
  target: Target,
  attempt: AttemptLog,
  choice: KeyChoice,
  canServe: (adapter: ProviderAdapter) => boolean,
  unsupported: string,
): OpenedAttempt {
  const { provider, model } = target;
  const refuse = (code: 'NO_KEY' | 'NO_PROVIDER', error: RelayError) => {
    attempt.errorCode = code;
    attempt.errorMessage = error.message;
    return { attempt, error };
  };
  const apiKey = choice.key?.key;
  if (choice.key) attempt.keyName = choice.key.name;
  if (apiKey === undefined && choice.skipped.length > 0) {
    // every key is held or spent: the next target is tried, as for an open circuit, and a client
    // left with none hears of a rate limit, with the wait until the first key is free again
    const why = choice.skipped.map((skipped) => `${skipped.name}: ${skipped.reason}`).join('; ');
    const names = choice.skipped.map((skipped) => skipped.name);
    const retryAfterMs = runtime.keys.retryAfterMs(provider.id, names);
    return refuse(
      'NO_PROVIDER',
      new RelayError('UPSTREAM_RATE_LIMITED', `${provider.id}: no key is free (${why})`, {
        status: 429,
        provider: provider.id,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      }),
    );
  }
  if (apiKey === undefined && !provider.preset.keyless) {
    // the variables the relay really reads for this id: a provider with `preset: openai` under
    // another id does not take OPENAI_API_KEY
    const hint = `run \`npm run relay -- secrets set ${provider.id}\` or set ${keyVariables(provider.id, () => provider.keyEnv)[0]}`;
    return refuse(
      'NO_KEY',
      new RelayError('NO_PROVIDER', `no API key for provider '${provider.id}': ${hint}`),
    );
  }
  const adapter = runtime.adapterFor(provider, model);
  if (!adapter || !canServe(adapter)) {
    const why = adapter
      ? unsupported
      : `uses the ${provider.preset.adapter} adapter, which this build does not have`;
    return refuse('NO_PROVIDER', new RelayError('NO_PROVIDER', `provider '${provider.id}' ${why}`));
  }
  if (!runtime.health.claimProbe(targetKey(target))) {
    const why = runtime.health.unavailable(targetKey(target)) ?? 'is not available';
    return refuse(
      'NO_PROVIDER',
      new RelayError('NO_PROVIDER', `${targetKey(target)}: ${why}`, { status: 503 }),
    );
  }
  return { attempt, ready: { adapter, apiKey } };
}
