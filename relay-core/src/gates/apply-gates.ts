import type { CanonicalRequest, CanonicalResponse } from '../canonical/types.js';
import type { GatesConfig } from '../config/cache-gates-schema.js';
import type { AttemptLog, PriceResult, RelayRuntime } from '../pipeline/relay-runtime.js';
import { gatesPassed, runGates } from './run-gates.js';
import type { SideCallPolicy } from '../routing/side-call-policy.js';

/**
 * `passed`: serve it. `retry`: the attempt failed its gates and another try is left (the attempt
 * is recorded as GATE_FAILED, with its cost: the tokens were paid for). `failed`: the last try
 * failed too; its answer is served, marked, rather than nothing.
 */
export type GateVerdict = 'passed' | 'retry' | 'failed';

/** Whether a streamed answer is held back for the gates: always for non-streaming clients, else on opt-in. */
export function bufferForGates(request: CanonicalRequest, gates: GatesConfig): boolean {
  return !request.stream || gates.buffer_streams;
}

/** Runs the route's gates on an attempt's answer and records every verdict on the attempt. */
export async function applyGates(
  runtime: RelayRuntime,
  gates: GatesConfig,
  request: CanonicalRequest,
  answer: CanonicalResponse,
  attempt: AttemptLog,
  options: { lastTry: boolean; price: () => PriceResult; policy: SideCallPolicy },
): Promise<GateVerdict> {
  const results = await runGates(gates, request, answer, runtime.evaluate, options.policy);
  // a detail can quote an upstream's error (an evaluator that failed): it goes to the history
  attempt.gates = results.map((result) =>
    result.detail === undefined ? result : { ...result, detail: runtime.redact(result.detail) },
  );
  if (gatesPassed(results)) return 'passed';
  if (options.lastTry) return 'failed';
  const price = options.price();
  attempt.status = 'error';
  attempt.errorCode = 'GATE_FAILED';
  attempt.usage = answer.usage;
  attempt.costUsd = price.costUsd;
  attempt.unpriced = price.unpriced;
  return 'retry';
}
