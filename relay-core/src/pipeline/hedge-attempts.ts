import type { RelayError } from '../canonical/errors.js';
import type { CanonicalRequest } from '../canonical/types.js';
import { targetKey } from '../routing/plan-targets.js';
import type { Target } from '../routing/resolve-targets.js';
import { estimateUsage } from '../tokens/estimate-tokens.js';
import type { AbortSwitch } from './abort-switch.js';
import { firstSuccess, launchAttempt } from './launch-attempt.js';
import type { AttemptResult, RunningAttempt } from './launch-attempt.js';
import type { AttemptLog, RelayRuntime } from './relay-runtime.js';

/** How a launched attempt (and its hedge, if one started) came out. */
export interface Race {
  /** Every attempt that ran: the launched one, and its hedge. */
  running: RunningAttempt[];
  settled:
    { winner: RunningAttempt; result: AttemptResult } | { failures: Array<[RunningAttempt, RelayError]> };
  /** The attempts that lost to the winner, already aborted. */
  losers: RunningAttempt[];
}

/**
 * Waits for a launched attempt to have something for the client. On a hedged route with a target
 * left, the next target starts too once the first is slow (hedgeAfterDelay); the first to answer
 * wins and the other is aborted, written off as a hedge's loser.
 */
export function raceAttempts(
  runtime: RelayRuntime,
  request: CanonicalRequest,
  launched: RunningAttempt,
  queue: Target[],
  attempts: AttemptLog[],
  clientGone: AbortSwitch,
  hedge: boolean,
): Promise<Race> {
  // no hedge to start: the launched attempt's outcome is the race's, with no step between
  if (!hedge || queue.length === 0) {
    const running = [launched];
    return firstSuccess(running).then((settled) => ({ running, settled, losers: [] }));
  }
  return raceWithHedge(runtime, request, launched, queue, attempts, clientGone);
}

/** raceAttempts on a hedged route with a target left. */
async function raceWithHedge(
  runtime: RelayRuntime,
  request: CanonicalRequest,
  launched: RunningAttempt,
  queue: Target[],
  attempts: AttemptLog[],
  clientGone: AbortSwitch,
): Promise<Race> {
  const running = [launched];
  const second = await hedgeAfterDelay(runtime, request, launched, queue, attempts, clientGone);
  if (second) running.push(second);
  const settled = await firstSuccess(running);
  const losers = 'winner' in settled ? running.filter((run) => run !== settled.winner) : [];
  for (const loser of losers) cancelLoser(loser, runtime);
  return { running, settled, losers };
}

/**
 * A hedge: when the first attempt has not produced its first token within the route's delay
 * (fixed, or the first target's recorded p90 time to first token), the next target starts too.
 */
async function hedgeAfterDelay(
  runtime: RelayRuntime,
  request: CanonicalRequest,
  first: RunningAttempt,
  queue: Target[],
  attempts: AttemptLog[],
  clientGone: AbortSwitch,
): Promise<RunningAttempt | undefined> {
  const delayMs =
    first.target.hedgeDelayMs ??
    runtime.latency.percentile(targetKey(first.target), 90) ??
    runtime.fallback.firstTokenTimeoutMs / 4;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const early = await Promise.race([
    first.outcome,
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), delayMs);
    }),
  ]);
  clearTimeout(timer);
  // the first answered (or failed) in time: no hedge; a failure fails over as usual
  if (early !== undefined || clientGone.aborted) return undefined;
  const next = queue.shift()!;
  const second = await launchAttempt(runtime, request, next, attempts, clientGone, queue.length > 0);
  return 'outcome' in second ? second : undefined;
}

/** Aborts a hedge's losing attempt (the upstream sees the connection close). */
function cancelLoser(run: RunningAttempt, runtime: RelayRuntime): void {
  run.attempt.status = 'cancelled';
  run.attempt.errorCode = 'HEDGE_LOST';
  run.attempt.latencyMs = runtime.now() - run.sentAt;
  run.abort();
  run.release();
}

/**
 * Records what a hedge's losers likely cost, once the winner has answered: each upstream had the
 * whole prompt, so its input is charged (estimated) although no answer came back; the request's
 * cost is what all its attempts cost.
 */
export async function priceLosers(
  losers: RunningAttempt[],
  request: CanonicalRequest,
  runtime: RelayRuntime,
): Promise<void> {
  if (losers.length === 0) return;
  const usage = await estimateUsage(request, { text: '', reasoning: '' });
  for (const { target, attempt } of losers) {
    const price = runtime.price(target.provider, target.model, usage);
    attempt.usage = usage;
    attempt.costUsd = price.costUsd;
    attempt.unpriced = price.unpriced;
  }
}
