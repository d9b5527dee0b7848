/** `x-relay-overhead-ms`: milliseconds to the microsecond. */
export function formatMs(ms: number): string {
  return ms.toFixed(3);
}

/** `x-relay-cost-usd`: dollars without trailing zeros, or `unpriced`. */
export function formatCost(cost: number | null): string {
  return cost === null ? 'unpriced' : cost.toFixed(10).replace(/\.?0+$/, '') || '0';
}
