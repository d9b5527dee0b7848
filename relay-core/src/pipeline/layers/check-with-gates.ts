import { RelayError } from '../../canonical/errors.js';
import { applyGates, bufferForGates } from '../../gates/apply-gates.js';
import type { GateVerdict } from '../../gates/apply-gates.js';
import { planGateTries } from '../../gates/plan-gate-tries.js';
import type { ModelRequestLayer } from '../model-request-context.js';

/**
 * A route's quality gates around the attempt engine: each whole answer is checked before the
 * client has it, and one that fails is tried again (the same target, then the next) while tries
 * are left; the last one is served, marked, and not kept.
 */
export const checkWithGates: ModelRequestLayer = (context, next) => {
  const gates = context.extras?.gates;
  if (!gates) return next();
  // the hooks hold what they read, not `context` (see release-sent-request.ts)
  const { runtime, request, clock, headerFields, hooks, policy } = context;
  context.tries = planGateTries(context.targets, gates, Math.max(1, runtime.fallback.maxAttempts));
  // the gates read the request once it is sent, and may send it again
  context.keepsRequest = true;
  // a continuation would reach the client unchecked
  context.resumesStreams = false;
  hooks.collectStreams = bufferForGates(request, gates);
  let verdict: GateVerdict | undefined;
  hooks.check = async (answer, winner, lastTry) => {
    verdict = await applyGates(runtime, gates, request, answer, winner.attempt, {
      policy,
      lastTry,
      price: () => runtime.price(winner.target.provider, answer.model || winner.target.model, answer.usage),
    });
    clock.restart();
    headerFields.gates = verdict;
    return verdict === 'retry'
      ? new RelayError('UPSTREAM_PROTOCOL_ERROR', "the answer failed the route's quality gates")
      : undefined;
  };
  // an answer served although it failed its gates is not one to keep
  const keep = hooks.served;
  if (keep)
    hooks.served = (served) => {
      if (verdict !== 'failed') keep(served);
    };
  return next();
};
