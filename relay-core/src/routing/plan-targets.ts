import { RelayError } from '../canonical/errors.js';
import { pairKey } from './pair-key.js';
import type { ProviderHealth } from './provider-health.js';
import type { RouteEntry, Target } from './resolve-targets.js';

export interface Exclusion {
  target: string;
  reason: string;
}

/** The health key of a target. */
export const targetKey = (target: Target) => pairKey(target.provider.id, '/', target.model);

/**
 * Narrows resolved targets to those that may be tried now: inside the data-residency policy
 * (the route's own, else the global one), able to serve it (context window, capabilities), and
 * not held back by an open circuit or a Retry-After.
 * When nothing is left the request fails with every exclusion named — never a silent violation.
 */
export function planTargets(
  targets: Target[],
  routes: readonly RouteEntry[],
  globalRegions: readonly string[] | undefined,
  health: ProviderHealth,
  /** Why a target cannot serve this request (too small a context window, no tools), if it cannot. */
  incapable: (target: Target) => string | undefined = () => undefined,
): { eligible: Target[]; excluded: Exclusion[] } {
  const eligible: Target[] = [];
  const excluded: Exclusion[] = [];
  let incapableCount = 0;
  for (const target of targets) {
    const routePolicy = target.route
      ? routes.find((route) => route.name === target.route)?.policy
      : undefined;
    const regions = routePolicy?.regions ?? globalRegions;
    if (regions && !regions.includes(target.provider.region)) {
      excluded.push({
        target: targetKey(target),
        reason: `region '${target.provider.region}' is outside the policy (${regions.join(', ')})`,
      });
      continue;
    }
    const lacking = incapable(target);
    if (lacking) {
      excluded.push({ target: targetKey(target), reason: lacking });
      incapableCount += 1;
      continue;
    }
    const unavailable = health.unavailable(targetKey(target));
    if (unavailable) {
      excluded.push({ target: targetKey(target), reason: unavailable });
      continue;
    }
    eligible.push(target);
  }
  if (eligible.length === 0) {
    const message = `no target can serve this request: ${excluded.map((e) => `${e.target} (${e.reason})`).join('; ')}`;
    if (excluded.every((exclusion) => exclusion.reason.includes('outside the policy'))) {
      throw new RelayError('NO_PROVIDER', message, { status: 403, isRetryable: false });
    }
    // the request itself is too big or needs what no target has: the client's to change
    if (incapableCount === excluded.length) {
      throw new RelayError('NO_PROVIDER', message, { status: 400, isRetryable: false });
    }
    // every target is rate-limited: the client gets a 429 with the shortest wait left
    const wait = health.retryAfterMs(targets.map(targetKey));
    if (
      wait !== undefined &&
      excluded.every(
        (exclusion) =>
          exclusion.reason.includes('Retry-After') || exclusion.reason.includes('outside the policy'),
      )
    ) {
      throw new RelayError('UPSTREAM_RATE_LIMITED', message, { retryAfterMs: wait });
    }
    throw new RelayError('NO_PROVIDER', message, { status: 503 });
  }
  return { eligible, excluded };
}
