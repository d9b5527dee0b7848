import { fallbackClassOf } from '../canonical/retry-rules.js';
import type { AttemptRecord } from '../store/history-records.js';

/**
 * Why the relay moved on from an attempt to the next one (its fallback class: `rate_limit`,
 * `server_error`, …), or undefined when it did not fail over from it.
 */
export function failoverReasonOf(
  attempt: AttemptRecord,
  next: AttemptRecord | undefined,
): string | undefined {
  if (attempt.status !== 'error' || next === undefined) return undefined;
  const code = attempt.errorCode;
  return (code === undefined ? undefined : fallbackClassOf(code)) ?? code ?? 'error';
}
