import type { RouteStrategy } from '../routing/resolve-targets.js';

/** An eligible target as explain reports it, with what its pick is judged by. */
export interface ExplainedTarget {
  target: string;
  predictedCostUsd: number | null;
  unpriced: boolean;
  predictedLatencyMs: number | null;
}

const usd = (value: number | null) => (value === null ? 'unpriced' : `$${value.toPrecision(2)}`);

/**
 * Why the first eligible target is the one a request goes to, in a sentence: the route's
 * strategy as it played out for this request (order, predicted cost, recorded latency, a weighted
 * draw, a hedge), or the provider order of a plain model name.
 */
export function whyPicked(options: {
  route: string | null;
  strategy: RouteStrategy | null;
  eligible: ExplainedTarget[];
  excludedCount: number;
  /** weighted: the picked target's weight and the eligible total. */
  weight?: { picked: number; total: number };
  /** hedge: the delay before the next target starts, when the route sets one. */
  hedgeDelayMs?: number;
}): string | undefined {
  const [picked, next] = options.eligible;
  if (!picked) return undefined;
  const excluded =
    options.excludedCount > 0
      ? `; ${options.excludedCount} other target${options.excludedCount === 1 ? ' was' : 's were'} excluded`
      : '';
  const then = next ? `; ${next.target} follows if it fails` : '';
  if (options.route === null)
    return next
      ? `the first configured provider (in config.yaml's order) that serves this model${excluded}${then}`
      : `the only configured provider that serves this model${excluded}`;
  switch (options.strategy ?? 'ordered') {
    case 'cheapest':
      if (picked.unpriced || picked.predictedCostUsd === null)
        return `no target has a price for this request, so the route's order decides${excluded}${then}`;
      return next
        ? `the cheapest for this request: about ${usd(picked.predictedCostUsd)}, against ${usd(next.predictedCostUsd)} for ${next.target}${excluded}`
        : `the only eligible target (about ${usd(picked.predictedCostUsd)})${excluded}`;
    case 'fastest':
      if (picked.predictedLatencyMs === null)
        return `no latency is recorded yet, so the route's order decides until targets have answered${excluded}${then}`;
      return `the fastest by recorded latency: about ${Math.round(picked.predictedLatencyMs)} ms${
        next?.predictedLatencyMs != null
          ? `, against ${Math.round(next.predictedLatencyMs)} ms for ${next.target}`
          : next
            ? `; ${next.target} has no recorded latency yet`
            : ''
      }${excluded}`;
    case 'weighted':
      return options.weight && options.weight.total > 0
        ? `drawn by weight (${options.weight.picked} of ${options.weight.total}): another request may draw another target${excluded}${then}`
        : `the first target: no weight is above zero${excluded}${then}`;
    case 'hedge':
      return next
        ? `first in the route's order; ${next.target} starts too if no first token came after ${
            options.hedgeDelayMs === undefined
              ? "the first target's usual (p90) time to first token"
              : `${options.hedgeDelayMs} ms`
          }, and the first to answer wins${excluded}`
        : `the only eligible target, so nothing is hedged${excluded}`;
    default:
      return `first in the route's order${excluded}${then}`;
  }
}
