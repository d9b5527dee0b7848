import type { GatesConfig, RouteCacheConfig } from '../config/cache-gates-schema.js';
import { matchesConditions } from '../routing/match-route.js';
import type { RequestFeatures } from '../routing/match-route.js';
import type { RouteEntry } from '../routing/resolve-targets.js';

/** The cache, gate and policy settings a config.yaml route carries besides its targets. */
export interface RouteExtras {
  cache?: RouteCacheConfig;
  gates?: GatesConfig;
  /** The route's data residency, which the calls made for its requests keep to. */
  policy?: { regions: string[] };
}

/**
 * The cache and gates of the route that serves a request: the first route of that name whose
 * conditions hold, as the router picked it. undefined when the model was not a route.
 */
export function routeExtrasFor(
  routes: readonly RouteEntry[],
  name: string | undefined,
  features: RequestFeatures,
): RouteExtras | undefined {
  if (name === undefined) return undefined;
  const route = routes.find((entry) => entry.name === name && matchesConditions(entry.when, features));
  return route as (RouteEntry & RouteExtras) | undefined;
}
