import { RelayError } from '../canonical/errors.js';
import type { ProviderAdapter } from '../providers/types.js';
import { targetKey } from '../routing/plan-targets.js';
import { keyVariables } from '../secrets/env-store.js';
import type { Target } from '../routing/resolve-targets.js';
import type { AttemptLog, RelayRuntime } from './relay-runtime.js';

/**
 * Starts the attempt log for one target and checks it can be tried: a key where the provider
 * needs one, an adapter that can serve the request, and a circuit that lets it through (a
 * half-open one lets one probe at a time). A target that cannot is recorded with
 * why, and the error says what the user can do about it.
 */
export async function openAttempt(
  runtime: RelayRuntime,
  target: Target,
  attempts: AttemptLog[],
  canServe: (adapter: ProviderAdapter) => boolean = () => true,
  /** What to say when `canServe` refuses, e.g. 'has no embeddings API'. */
  unsupported = 'cannot serve this kind of request',
): Promise<{
  attempt: AttemptLog;
  ready?: { adapter: ProviderAdapter; apiKey: string | undefined };
  error?: RelayError;
}> {
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
  const refuse = (code: 'NO_KEY' | 'NO_PROVIDER', error: RelayError) => {
    attempt.errorCode = code;
    attempt.errorMessage = error.message;
    return { attempt, error };
  };
  // the one place an attempt obtains its provider key
  const apiKey = await runtime.getKey(provider);
  if (apiKey === undefined && !provider.preset.keyless) {
    // the variables the relay really reads for this id: a provider with `preset: openai` under
    // another id does not take OPENAI_API_KEY
    const hint = `run \`npm run relay -- secrets set ${provider.id}\` or set ${keyVariables(provider.id)[0]}`;
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
