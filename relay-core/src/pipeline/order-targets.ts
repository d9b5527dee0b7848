import type { RequestFeatures } from '../routing/match-route.js';
import type { Target } from '../routing/resolve-targets.js';
import type { RelayRuntime } from './relay-runtime.js';

/**
 * Applies a route's strategy to its eligible targets. `cheapest` orders them by the catalog price
 * of this request's estimated tokens (output assumed at max_tokens, or 500); unpriced targets go
 * last, never first as if free. `ordered` keeps the configured order.
 */
export function orderTargets(
  runtime: RelayRuntime,
  targets: Target[],
  features: RequestFeatures,
  maxOutputTokens?: number,
): Target[] {
  if (targets[0]?.strategy !== 'cheapest') return targets;
  const usage = {
    inputTokens: features.inputTokens,
    outputTokens: maxOutputTokens ?? 500,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
  };
  const cost = (target: Target) =>
    runtime.price(target.provider, target.model, usage).costUsd ?? Number.POSITIVE_INFINITY;
  return targets
    .map((target, index) => ({ target, index, cost: cost(target) }))
    .sort((a, b) => a.cost - b.cost || a.index - b.index)
    .map((entry) => entry.target);
}
