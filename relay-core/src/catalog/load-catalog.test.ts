import { describe, expect, it } from 'vitest';
import { loadCatalog } from './load-catalog.js';
import { modelIdCandidates } from './normalize-model-id.js';

const catalog = loadCatalog();

describe('bundled catalog', () => {
  it('covers many chat models across many providers, each with its source and price date', () => {
    const chat = catalog.entries.filter((entry) => entry.mode === 'chat');
    expect(chat.length).toBeGreaterThanOrEqual(1_300);
    expect(new Set(chat.map((entry) => entry.provider)).size).toBeGreaterThanOrEqual(40);
    for (const entry of catalog.entries) {
      expect(entry.source).toBe('litellm');
      expect(entry.priceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('finds a price under dated, suffixed and prefixed names', () => {
    expect(catalog.find('openai', 'gpt-4o-mini-2099-01-01')?.model).toBe('gpt-4o-mini');
    expect(catalog.find('openai', 'openai/gpt-4o-mini')?.model).toBe('gpt-4o-mini');
    expect(catalog.find('anthropic', 'claude-sonnet-4-5-20991231')?.model).toBe('claude-sonnet-4-5');
    expect(catalog.find('openai', 'no-such-model')).toBeUndefined();
    expect(catalog.findAnyProvider('gpt-4o-mini').map((entry) => entry.provider)).toContain('openai');
    expect(catalog.modelsFor('openai')).toContain('gpt-4o-mini');
  });

  it('normalises ids most specific first', () => {
    expect(modelIdCandidates('deepseek/deepseek-r1:free')).toEqual([
      'deepseek/deepseek-r1:free',
      'deepseek/deepseek-r1',
      'deepseek-r1:free',
      'deepseek-r1',
    ]);
    expect(modelIdCandidates('claude-3-5-sonnet@20240620')).toContain('claude-3-5-sonnet');
  });
});
