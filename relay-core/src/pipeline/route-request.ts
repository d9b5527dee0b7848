import type { CanonicalRequest } from '../canonical/types.js';
import type { RequestFeatures } from '../routing/match-route.js';
import { planTargets } from '../routing/plan-targets.js';
import type { Exclusion } from '../routing/plan-targets.js';
import { resolveTargets } from '../routing/resolve-targets.js';
import type { Target } from '../routing/resolve-targets.js';
import { orderTargets } from './order-targets.js';
import type { RelayRuntime } from './relay-runtime.js';

/** Narrows resolved targets with the runtime's policy, health and the catalog's capabilities. */
export function planWithRuntime(
  runtime: RelayRuntime,
  targets: Target[],
  features: RequestFeatures,
): { eligible: Target[]; excluded: Exclusion[] } {
  return planTargets(targets, runtime.routes, runtime.policy.regions, runtime.health, (target) =>
    runtime.incapable(target, features),
  );
}

/**
 * A request's targets in the order the relay tries them: resolved from the model or route name,
 * narrowed by policy, health and capability, ordered by the route's strategy. Throws the
 * RelayError a client should see when none is left. `peek` (the explain API) leaves the latency
 * predictor's probe schedule alone.
 */
export function routeRequest(
  runtime: RelayRuntime,
  request: CanonicalRequest,
  features: RequestFeatures,
  peek = false,
): Target[] {
  const resolved = resolveTargets(request.model, runtime.providers, runtime.routes, runtime.serves, features);
  return orderTargets(
    runtime,
    planWithRuntime(runtime, resolved, features).eligible,
    features,
    request.maxOutputTokens,
    Math.random,
    peek,
  );
}
