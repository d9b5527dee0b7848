import { describe, expect, it } from 'vitest';
import { whyPicked } from './explain-pick.js';

const target = (name: string, cost: number | null, latency: number | null = null) => ({
  target: name,
  predictedCostUsd: cost,
  unpriced: cost === null,
  predictedLatencyMs: latency,
});
const a = target('deepseek/deepseek-chat', 0.00012, 800);
const b = target('openai/gpt-4o-mini', 0.0003, 1400);

describe('why explain says a target is picked', () => {
  it('names what decided it for each strategy', () => {
    const base = { route: 'auto', eligible: [a, b], excludedCount: 0 };
    expect(whyPicked({ ...base, strategy: 'cheapest' })).toBe(
      'the cheapest for this request: about $0.00012, against $0.00030 for openai/gpt-4o-mini',
    );
    expect(whyPicked({ ...base, strategy: 'fastest' })).toBe(
      'the fastest by recorded latency: about 800 ms, against 1400 ms for openai/gpt-4o-mini',
    );
    expect(whyPicked({ ...base, strategy: 'ordered', excludedCount: 2 })).toBe(
      "first in the route's order; 2 other targets were excluded; openai/gpt-4o-mini follows if it fails",
    );
    expect(whyPicked({ ...base, strategy: 'weighted', weight: { picked: 3, total: 4 } })).toMatch(
      /^drawn by weight \(3 of 4\)/,
    );
    expect(whyPicked({ ...base, strategy: 'hedge', hedgeDelayMs: 1500 })).toContain(
      'openai/gpt-4o-mini starts too if no first token came after 1500 ms',
    );
  });

  it('says when a strategy has nothing to go on yet, and for a plain model name', () => {
    const fresh = [target('x/a', null), target('x/b', null)];
    expect(whyPicked({ route: 'r', strategy: 'fastest', eligible: fresh, excludedCount: 0 })).toMatch(
      /^no latency is recorded yet/,
    );
    expect(whyPicked({ route: 'r', strategy: 'cheapest', eligible: fresh, excludedCount: 0 })).toMatch(
      /^no target has a price/,
    );
    expect(whyPicked({ route: null, strategy: null, eligible: [a], excludedCount: 0 })).toBe(
      'the only configured provider that serves this model',
    );
    expect(whyPicked({ route: 'r', strategy: 'ordered', eligible: [], excludedCount: 1 })).toBeUndefined();
  });
});
