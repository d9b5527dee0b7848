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

  it('finds a model by any of its names', () => {
    // Anthropic's id is claude-opus-4-5; people and other providers write 4.5
    const result = queryCatalog(catalog, { q: 'claude-opus-4.5', provider: 'anthropic' });
    expect(result.entries.map((e) => e.model)).toEqual(['claude-opus-4-5']);
  });

  it('sorts and filters by the prices in force at the moment asked for', () => {
    // DeepSeek Chat: 0.27 per 1M input from 00:30 to 16:30 UTC, 0.135 otherwise
    const at = (time: string) =>
      queryCatalog(catalog, {
        provider: 'deepseek',
        maxInputPrice: 0.2,
        at: Date.parse(`2026-12-07T${time}:00Z`),
      }).entries.map((e) => e.model);
    expect(at('20:00')).toContain('deepseek-chat');
    expect(at('12:00')).not.toContain('deepseek-chat');
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

  it('filters by output price and by a set of entries (the available ones)', () => {
    const cheap = queryCatalog(catalog, { mode: 'chat', maxOutputPrice: 0.5, limit: 1000 });
    expect(cheap.total).toBeGreaterThan(5);
    expect(cheap.entries.every((e) => e.output !== undefined && e.output * 1e6 <= 0.5)).toBe(true);
    const within = new Set(catalog.entries.filter((e) => e.model === 'gpt-4o-mini'));
    const only = queryCatalog(catalog, { within, limit: 1000 });
    expect(only.entries.length).toBe(within.size);
    expect(only.entries.every((e) => e.model === 'gpt-4o-mini')).toBe(true);
  });
});
