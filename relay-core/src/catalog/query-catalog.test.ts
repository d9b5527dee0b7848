import { describe, expect, it } from 'vitest';
import { loadCatalog } from './load-catalog.js';
import { queryCatalog } from './query-catalog.js';

const catalog = loadCatalog();

describe('queryCatalog (model browser)', () => {
  it('finds models by words, provider and capability', () => {
    const result = queryCatalog(catalog, {
      q: 'gpt 4o mini',
      provider: 'openai',
      capability: ['tools', 'vision'],
    });
    expect(result.entries.map((e) => e.model)).toContain('gpt-4o-mini');
    for (const entry of result.entries) {
      expect(entry.provider).toBe('openai');
      expect(entry.capabilities.tools && entry.capabilities.vision).toBe(true);
    }
  });

  it('filters by context and price, and sorts cheapest first with unpriced models last', () => {
    const result = queryCatalog(catalog, {
      mode: 'chat',
      minContext: 100_000,
      maxInputPrice: 0.5,
      sort: 'input',
      limit: 1000,
    });
    expect(result.total).toBeGreaterThan(10);
    const prices = result.entries.map((e) => e.input!);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(result.entries.every((e) => (e.contextWindow ?? 0) >= 100_000 && e.input! * 1e6 <= 0.5)).toBe(
      true,
    );
    const { total } = queryCatalog(catalog, { mode: 'chat', limit: 1 });
    const last = queryCatalog(catalog, {
      mode: 'chat',
      sort: 'input',
      order: 'desc',
      limit: 1,
      offset: total - 1,
    });
    expect(last.entries[0]!.input).toBeUndefined();
  });
});
