import type { Usage } from '../canonical/types.js';
import { targetKey } from '../routing/plan-targets.js';
import type { RunningAttempt } from './launch-attempt.js';
import type { RelayRuntime } from './relay-runtime.js';

/** Feeds a successful attempt's timing to the latency predictor (`fastest`, hedge delays). */
export function recordLatency(runtime: RelayRuntime, run: RunningAttempt, usage: Usage | undefined): void {
  const ttftMs = run.attempt.ttftMs ?? run.attempt.latencyMs;
  runtime.latency.record(targetKey(run.target), {
    ttftMs,
    outputTokens: run.attempt.ttftMs === undefined ? undefined : usage?.outputTokens,
    generationMs: run.attempt.latencyMs - ttftMs,
  });
}

/**
 * Records how the attempt that answered the client came out, once its answer or stream is over:
 * a success closes its circuit and feeds the latency predictor; a stream that broke counts
 * against its health as the retry rules say (canonical/retry-rules.ts).
 */
export function recordOutcome(runtime: RelayRuntime, run: RunningAttempt, usage: Usage | undefined): void {
  const key = targetKey(run.target);
  if (run.attempt.status === 'ok') {
    runtime.health.recordSuccess(key);
    recordLatency(runtime, run, usage);
  } else if (run.attempt.errorCode) {
    runtime.health.recordFailure(key, run.attempt.errorCode);
  }
}
