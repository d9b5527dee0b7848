import { describe, expect, it } from 'vitest';
import { computeCost } from './compute-cost.js';
import { createPriceOverrides, findOverride, withUserPrices } from './price-overrides.js';
import { loadCatalog } from './load-catalog.js';

const catalog = loadCatalog();

describe('a price of your own (config prices:)', () => {
  const overrides = createPriceOverrides(
    [{ model: 'openai/gpt-5', input: 1, output: 8, cache_read: 0.1, reasoning: 4 }],
    '2026-12-07',
  );

  it('shows every price you gave, reasoning included, and keeps the catalog limits', () => {
    const entry = catalog.find('openai', 'gpt-5')!;
    const shown = withUserPrices(entry, findOverride(overrides, 'openai', 'gpt-5')!);
    expect(shown).toMatchObject({
      input: 1e-6,
      output: 8e-6,
      cacheRead: 0.1 / 1e6,
      reasoning: 4e-6,
      source: 'user',
    });
    expect(shown.contextWindow).toBe(entry.contextWindow);
  });

  it('charges reasoning at your reasoning price: 1,000 in, 100 visible out, 400 reasoning', () => {
    const shown = withUserPrices(
      catalog.find('openai', 'gpt-5')!,
      findOverride(overrides, 'openai', 'gpt-5')!,
    );
    // 1,000 × $1/M + 100 × $8/M + 400 × $4/M = 0.001 + 0.0008 + 0.0016
    expect(computeCost({ inputTokens: 1_000, outputTokens: 500, reasoningTokens: 400 }, shown)).toBeCloseTo(
      0.0034,
      10,
    );
  });
});
