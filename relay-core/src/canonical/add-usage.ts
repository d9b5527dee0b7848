import type { Usage } from './types.js';

/**
 * Two answers' usage added up, figure by figure (every numeric field, those added after this was
 * written too); estimated when either was.
 */
export function addUsage(a: Usage, b: Usage): Usage {
  const sum: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = sum[key];
    if (typeof value === 'number') sum[key] = (typeof mine === 'number' ? mine : 0) + value;
    else if (typeof value === 'boolean') sum[key] = mine === true || value;
    else if (!(key in sum)) sum[key] = value;
  }
  return sum as unknown as Usage;
}
