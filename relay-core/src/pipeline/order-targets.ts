import type { RequestFeatures } from '../routing/match-route.js';
import type { Target } from '../routing/resolve-targets.js';
import { targetKey } from '../routing/plan-targets.js';
import type { RelayRuntime } from './relay-runtime.js';

/**
 * Applies a route's strategy to its eligible targets. `cheapest` orders them by the catalog price
 * of this request's estimated tokens (output assumed at max_tokens, or 500); unpriced targets go
 * last, never first as if free (within a tier: the `auto` route's simple tier before its complex
 * one). `fastest` by recorded latency (see LatencyStats). `weighted` draws the first target by weight and keeps the rest
 * in order for failover. `ordered` keeps the configured order.
 */
export function orderTargets(
  runtime: RelayRuntime,
  targets: Target[],
  features: RequestFeatures,
  maxOutputTokens?: number,
  random: () => number = Math.random,
  /** Only look (the explain API): leaves the latency predictor's probe schedule alone. */
  peek = false,
): Target[] {
  const strategy = targets[0]?.strategy;
  if (strategy === 'weighted') return weightedOrder(targets, random);
  if (strategy === 'fastest')
    return runtime.latency.orderFastest(targets, targetKey, maxOutputTokens ?? 500, peek);
  if (strategy !== 'cheapest') return targets;
  const usage = { inputTokens: features.inputTokens, outputTokens: maxOutputTokens ?? 500 };
  const cost = (target: Target) =>
    runtime.price(target.provider, target.model, usage).costUsd ?? Number.POSITIVE_INFINITY;
  return targets
    .map((target, index) => ({ target, index, cost: cost(target) }))
    .sort((a, b) => (a.target.tier ?? 0) - (b.target.tier ?? 0) || a.cost - b.cost || a.index - b.index)
    .map((entry) => entry.target);
}

function weightedOrder(targets: Target[], random: () => number): Target[] {
  const total = targets.reduce((sum, target) => sum + (target.weight ?? 0), 0);
  if (total <= 0) return targets;
  let draw = random() * total;
  const index = targets.findIndex((target) => (draw -= target.weight ?? 0) < 0);
  const first = index === -1 ? targets.length - 1 : index;
  return [targets[first]!, ...targets.filter((_, i) => i !== first)];
}
