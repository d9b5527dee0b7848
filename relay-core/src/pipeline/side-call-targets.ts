import { RelayError, toRelayError } from '../canonical/errors.js';
import type { AdapterContext, ProviderAdapter } from '../providers/types.js';
import { planTargets, targetKey } from '../routing/plan-targets.js';
import type { Exclusion } from '../routing/plan-targets.js';
import { resolveTargets } from '../routing/resolve-targets.js';
import type { Target } from '../routing/resolve-targets.js';
import type { RelayRuntime } from './relay-runtime.js';

/** The data-residency policy of the request a side call is made for. */
export interface SideCallPolicy {
  /** The request's route's regions, else the global ones; undefined: any region. */
  regions?: readonly string[];
}

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
 * Makes a side call: the model's eligible targets in order (planSideCall), skipping those without
 * a key or without what `usable` asks of the adapter, until one answers. Upstream failures and
 * successes count for the breaker as any attempt's do.
 */
export async function callSideModel<T>(
  runtime: RelayRuntime,
  model: string,
  policy: SideCallPolicy,
  usable: (adapter: ProviderAdapter) => boolean,
  call: (target: Target, adapter: ProviderAdapter, context: AdapterContext) => Promise<T>,
): Promise<T> {
  const { eligible, excluded } = planSideCall(runtime, model, policy);
  let lastError: RelayError | undefined;
  for (const target of eligible) {
    const adapter = runtime.adapterFor(target.provider, target.model);
    const apiKey = await runtime.getKey(target.provider);
    if (!adapter || !usable(adapter) || (apiKey === undefined && !target.provider.preset.keyless)) continue;
    try {
      const result = await call(target, adapter, {
        provider: target.provider,
        model: target.model,
        apiKey,
        signal: AbortSignal.timeout(target.provider.timeoutMs),
        dispatcher: runtime.dispatcher,
      });
      runtime.health.recordSuccess(targetKey(target));
      return result;
    } catch (error) {
      lastError = toRelayError(error);
      runtime.health.recordFailure(targetKey(target), lastError.code, lastError.retryAfterMs);
    }
  }
  throw (
    lastError ??
    new RelayError(
      'NO_PROVIDER',
      `no target may serve '${model}' for this request${excluded.length > 0 ? `: ${excluded.map((e) => `${e.target} (${e.reason})`).join('; ')}` : ''}`,
    )
  );
}
