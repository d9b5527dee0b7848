import { describe, expect, it } from 'vitest';
import type { ResolvedProvider } from '../providers/types.js';
import type { Target } from '../routing/resolve-targets.js';
import { orderTargets } from './order-targets.js';
import type { RelayRuntime } from './relay-runtime.js';

const provider = (id: string) => ({ id }) as ResolvedProvider;
const targets = (weights: number[]): Target[] =>
  weights.map((weight, i) => ({
    provider: provider(`p${i}`),
    model: 'm',
    route: 'r',
    strategy: 'weighted',
    weight,
  }));
const features = {
  inputTokens: 10,
  tools: false,
  images: false,
  jsonSchema: false,
  reasoning: false,
  lastUserText: '',
  complexity: 'simple' as const,
  complexityReasons: [],
  purposes: [],
};
const runtime = {} as RelayRuntime;

describe('weighted strategy', () => {
  it('draws the first target by weight and keeps the others, in order, for failover', () => {
    const order = (draw: number) =>
      orderTargets(runtime, targets([1, 3, 0]), features, undefined, () => draw).map((t) => t.provider.id);
    expect(order(0)).toEqual(['p0', 'p1', 'p2']);
    expect(order(0.24)).toEqual(['p0', 'p1', 'p2']);
    expect(order(0.26)).toEqual(['p1', 'p0', 'p2']);
    expect(order(0.99)).toEqual(['p1', 'p0', 'p2']);
  });

  it('spreads traffic in proportion to the weights', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const firsts = Array.from(
      { length: 4000 },
      () => orderTargets(runtime, targets([1, 3]), features, undefined, random)[0]!.provider.id,
    );
    const share = firsts.filter((id) => id === 'p1').length / firsts.length;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.8);
  });
});
