import type { RelayError } from '../canonical/errors.js';
import type { ResolvedProvider } from '../providers/types.js';
import type { KeyChoice } from './key-pool.js';
import { isKeyError } from './key-pool.js';
import type { AttemptLog, RelayRuntime } from './relay-runtime.js';

/** Keys of this provider that hit their limit earlier in this request: not tried again for it. */
function spentKeys(provider: ResolvedProvider, attempts: readonly AttemptLog[]): string[] {
  return attempts
    .filter((attempt) => attempt.provider === provider.id && attempt.keyName && isKeyError(attempt.errorCode))
    .map((attempt) => attempt.keyName!);
}

/**
 * The key an attempt at this provider uses, by its key strategy (pipeline/key-pool.ts), passing
 * over keys that are held and those that hit their limit earlier in the same request.
 */
export function pickKey(
  runtime: RelayRuntime,
  provider: ResolvedProvider,
  attempts: readonly AttemptLog[],
): KeyChoice | Promise<KeyChoice> {
  return runtime.keys.choose(provider, { skip: spentKeys(provider, attempts) });
}

/**
 * After an attempt failed: records a rate limit or used-up quota against its key, and answers
 * whether the same target should be tried again at once with another key of its provider (one
 * is free). Only then is the failure the key's alone, not the target's.
 */
export async function failOverToNextKey(
  runtime: RelayRuntime,
  provider: ResolvedProvider,
  attempt: AttemptLog,
  error: RelayError,
  attempts: readonly AttemptLog[],
): Promise<boolean> {
  if (attempt.keyName === undefined || !isKeyError(error.code)) return false;
  runtime.keys.recordFailure(provider.id, attempt.keyName, error.code, error.retryAfterMs);
  const next = await runtime.keys.choose(provider, { skip: spentKeys(provider, attempts), peek: true });
  return next.key !== undefined;
}
