import type { SideCallPolicy } from '../routing/side-call-policy.js';
import { RelayError } from '../canonical/errors.js';
import type { AdapterContext, ProviderAdapter } from '../providers/types.js';
import { planTargets, targetKey } from '../routing/plan-targets.js';
import type { Exclusion } from '../routing/plan-targets.js';
import { resolveTargets } from '../routing/resolve-targets.js';
import type { Target } from '../routing/resolve-targets.js';
import { callTargets } from './call-targets.js';
import type { RelayRuntime } from './relay-runtime.js';

/** The policy a request's side calls keep to: its route's regions, else the global policy's. */
export function sideCallPolicy(
  runtime: RelayRuntime,
  route: { policy?: { regions: string[] } } | undefined,
): SideCallPolicy {
  return { regions: route?.policy?.regions ?? runtime.policy.regions };
}

/**
 * Where a call made on a request's behalf (a gate's evaluator, the semantic cache's embedding or
 * rewrite) may go: the model's targets inside the request's policy, then narrowed as any target
 * is (the side model's own route policy, open circuits, Retry-After). Never throws: a model no
 * target may serve has no eligible target, and every exclusion says why.
 */
export function planSideCall(
  runtime: RelayRuntime,
  model: string,
  policy: SideCallPolicy,
): { eligible: Target[]; excluded: Exclusion[] } {
  let resolved: Target[];
  try {
    resolved = resolveTargets(model, runtime.providers, runtime.routes, runtime.serves);
  } catch (error) {
    return { eligible: [], excluded: [{ target: model, reason: (error as Error).message }] };
  }
  const excluded: Exclusion[] = [];
  const inside = resolved.filter((target) => {
    if (!policy.regions || policy.regions.includes(target.provider.region)) return true;
    excluded.push({
      target: targetKey(target),
      reason: `region '${target.provider.region}' is outside the request's policy (${policy.regions.join(', ')})`,
    });
    return false;
  });
  if (inside.length === 0) return { eligible: [], excluded };
  try {
    const plan = planTargets(inside, runtime.routes, runtime.policy.regions, runtime.health);
    return { eligible: plan.eligible, excluded: [...excluded, ...plan.excluded] };
  } catch (error) {
    return { eligible: [], excluded: [...excluded, { target: model, reason: (error as Error).message }] };
  }
}

/**
 * Makes a side call: the model's eligible targets in order (planSideCall), through the attempt
 * engine as any call (callTargets): skipping those without a key, without what `usable` asks of
 * the adapter or held by their circuit, failing over by the retry rules, and counting each
 * success and failure for the breaker.
 */
export async function callSideModel<T>(
  runtime: RelayRuntime,
  model: string,
  policy: SideCallPolicy,
  usable: (adapter: ProviderAdapter) => boolean,
  call: (target: Target, adapter: ProviderAdapter, context: AdapterContext) => Promise<T>,
): Promise<T> {
  const { eligible, excluded } = planSideCall(runtime, model, policy);
  // a side call's attempts are not the request's: its history shows their cost, not their tries
  const { value } = await callTargets(
    runtime,
    eligible,
    [],
    {
      canServe: usable,
      noneTried: () =>
        new RelayError(
          'NO_PROVIDER',
          `no target may serve '${model}' for this request${excluded.length > 0 ? `: ${excluded.map((e) => `${e.target} (${e.reason})`).join('; ')}` : ''}`,
        ),
    },
    call,
  );
  return value;
}
