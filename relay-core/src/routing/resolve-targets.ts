import { RelayError } from '../canonical/errors.js';
import type { AttemptDeadlines, ResolvedProvider } from '../providers/types.js';
import { matchesConditions } from './match-route.js';
import type { RequestFeatures, RouteConditions } from './match-route.js';

/** One upstream a request may be sent to. */
export interface Target {
  provider: ResolvedProvider;
  model: string;
  /** The route that produced it, when the model name was a route. */
  route?: string;
  strategy?: RouteStrategy;
  /** The route's weight for this target (weighted strategy). */
  weight?: number;
  /** hedge: start the next target after this delay (default: this target's p90 time to first token). */
  hedgeDelayMs?: number;
  /** The route's own attempt deadlines, over its provider's and `fallback`'s. */
  deadlines?: AttemptDeadlines;
  /** `cheapest` orders within a tier, lower tiers first (the `auto` route's simple, then complex). */
  tier?: number;
}

export type RouteStrategy = 'ordered' | 'cheapest' | 'weighted' | 'fastest' | 'hedge';

export interface RouteEntry {
  name: string;
  targets: string[];
  strategy?: RouteStrategy;
  weights?: number[];
  hedgeDelayMs?: number;
  deadlines?: AttemptDeadlines;
  /** The tier of each target (see Target.tier). */
  tiers?: number[];
  when?: RouteConditions;
  policy?: { regions: string[] };
}

/** Whether a provider serves a bare model name (config list first, then the catalog). */
export type ServesModel = (provider: ResolvedProvider, model: string) => boolean;

/**
 * Resolves a requested model name to ordered candidate targets (DESIGN.md §3 "Model names"):
 * a route name expands to its targets; `provider/model` addresses one provider; a bare name goes
 * to every configured provider that serves it, in config order.
 */
export function resolveTargets(
  requested: string,
  providers: readonly ResolvedProvider[],
  routes: readonly RouteEntry[],
  serves: ServesModel,
  features?: RequestFeatures,
): Target[] {
  const named = routes.filter((candidate) => candidate.name === requested);
  const route =
    named.find((candidate) => !features || matchesConditions(candidate.when, features)) ??
    (features ? undefined : named[0]);
  if (named.length > 0 && !route) {
    throw new RelayError(
      'MODEL_NOT_FOUND',
      `no route '${requested}' matches this request (its conditions: ${named.map((r) => JSON.stringify(r.when ?? {})).join(' | ')})`,
      {
        param: 'model',
      },
    );
  }
  if (route) {
    const targets = route.targets.flatMap((name, i) =>
      resolveModel(name, providers, serves).map((target) => ({
        ...target,
        weight: route.weights?.[i],
        tier: route.tiers?.[i],
      })),
    );
    if (targets.length === 0) {
      throw new RelayError('NO_PROVIDER', `route '${route.name}' has no target with a configured provider`);
    }
    return targets.map((target) => ({
      ...target,
      route: route.name,
      strategy: route.strategy ?? 'ordered',
      ...(route.hedgeDelayMs === undefined ? {} : { hedgeDelayMs: route.hedgeDelayMs }),
      ...(route.deadlines ? { deadlines: route.deadlines } : {}),
    }));
  }
  const targets = resolveModel(requested, providers, serves);
  if (targets.length === 0 && requested === 'auto') {
    throw new RelayError(
      'MODEL_NOT_FOUND',
      "The built-in 'auto' route has no tiers yet: add `auto: { simple: [provider/model, …], complex: [provider/model, …] }` to config.yaml",
      { param: 'model' },
    );
  }
  if (targets.length === 0) {
    const hint =
      providers.length === 0
        ? 'no providers are configured: add one to config.yaml (or start with --demo)'
        : `use 'provider/model' (providers: ${providers.map((p) => p.id).join(', ')}) or a route name`;
    throw new RelayError(
      'MODEL_NOT_FOUND',
      `The model '${requested}' is not served by any configured provider; ${hint}`,
      {
        param: 'model',
      },
    );
  }
  return targets;
}

function resolveModel(name: string, providers: readonly ResolvedProvider[], serves: ServesModel): Target[] {
  const slash = name.indexOf('/');
  if (slash > 0) {
    const provider = providers.find((candidate) => candidate.id === name.slice(0, slash));
    if (provider) return [{ provider, model: name.slice(slash + 1) }];
  }
  return providers
    .filter((provider) => serves(provider, name))
    .map((provider) => ({ provider, model: name }));
}
