import type { GatesConfig } from '../config/cache-gates-schema.js';

/**
 * The tries of a gated route: each target `1 + retries` times in a row, over the first
 * `1 + escalations` targets (or `maxAttempts`, when upstream failover allows more).
 */
export function planGateTries<T>(targets: readonly T[], gates: GatesConfig, maxAttempts: number): T[] {
  const distinct = targets.slice(0, Math.max(1 + gates.escalations, maxAttempts));
  return distinct.flatMap((target) => Array.from({ length: 1 + gates.retries }, () => target));
}
