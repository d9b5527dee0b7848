import type { RequestFeatures } from '../routing/match-route.js';
import type { Target } from '../routing/resolve-targets.js';
import { targetKey } from '../routing/plan-targets.js';
import type { RelayRuntime } from './relay-runtime.js';

/** The output a request's cost is predicted with before it is sent: its max_tokens, or 500. */
export const assumedOutputTokens = (maxOutputTokens: number | undefined): number => maxOutputTokens ?? 500;

/**
 * What a request is expected to cost at a target before it is sent: its estimated input and the
 * assumed output at the catalog's (or the user's) price; 0 when the target has no price.
 */
export function estimatedCost(
  runtime: Pick<RelayRuntime, 'price'>,
  target: Target,
  inputTokens: number,
  maxOutputTokens: number | undefined,
): number | null {
  return runtime.price(target.provider, target.model, {
    inputTokens,
    outputTokens: assumedOutputTokens(maxOutputTokens),
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
  }).costUsd;
}

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
    return runtime.latency.orderFastest(targets, targetKey, assumedOutputTokens(maxOutputTokens), peek);
  if (strategy !== 'cheapest') return targets;
  const cost = (target: Target) =>
    estimatedCost(runtime, target, features.inputTokens, maxOutputTokens) ?? Number.POSITIVE_INFINITY;
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
