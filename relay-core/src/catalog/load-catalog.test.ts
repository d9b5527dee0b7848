import { describe, expect, it } from 'vitest';
import { createCatalog, loadCatalog } from './load-catalog.js';

const catalog = loadCatalog();

describe('bundled catalog', () => {
  it('covers at least 1,300 chat models across 40 providers, each with its source and price date', () => {
    const chat = catalog.entries.filter((entry) => entry.mode === 'chat');
    expect(chat.length).toBeGreaterThanOrEqual(1_300);
    expect(new Set(chat.map((entry) => entry.provider)).size).toBeGreaterThanOrEqual(40);
    for (const entry of catalog.entries) {
      expect(entry.source).toBe('litellm');
      expect(entry.priceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(catalog.generatedFrom).toMatchObject({ repository: 'BerriAI/litellm', license: 'MIT' });
  });

  it('uses the provider ids of the presets', () => {
    for (const provider of [
      'openai',
      'anthropic',
      'gemini',
      'vertex',
      'bedrock',
      'azure',
      'deepseek',
      'mistral',
    ]) {
      expect(catalog.modelsFor(provider).length, provider).toBeGreaterThan(0);
    }
    for (const provider of [
      'groq',
      'xai',
      'openrouter',
      'together',
      'fireworks',
      'qwen',
      'moonshot',
      'ollama',
    ]) {
      expect(catalog.modelsFor(provider).length, provider).toBeGreaterThan(0);
    }
    expect(catalog.modelsFor('together_ai')).toEqual([]);
  });

  it('never stores a missing price as 0', () => {
    const unpriced = catalog.entries.filter((entry) => entry.input === undefined);
    expect(unpriced.length).toBeGreaterThan(0);
    expect(catalog.find('snowflake', 'llama3.1-70b')).toMatchObject({ mode: 'chat' });
    expect(catalog.find('snowflake', 'llama3.1-70b')?.input).toBeUndefined();
  });
});

describe('Catalog.find', () => {
  it('finds a dated snapshot at the price of its model', () => {
    expect(catalog.find('openai', 'gpt-4o-mini-2024-07-18')).toMatchObject({ input: 1.5e-7, output: 6e-7 });
    // a snapshot the catalog does not list falls back to the undated model
    expect(catalog.find('openai', 'gpt-4o-mini-2099-01-01')?.model).toBe('gpt-4o-mini');
    expect(catalog.find('anthropic', 'claude-sonnet-4-5-20991231')?.model).toBe('claude-sonnet-4-5');
  });

  it('strips provider prefixes, :suffixes, -latest and @versions', () => {
    expect(catalog.find('openai', 'openai/gpt-4o-mini')?.model).toBe('gpt-4o-mini');
    expect(catalog.find('openai', 'GPT-4o-mini')?.model).toBe('gpt-4o-mini');
    expect(catalog.find('deepseek', 'deepseek-chat:beta')?.model).toBe('deepseek-chat');
    expect(catalog.find('openrouter', 'openai/gpt-4o:free')?.model).toBe('openai/gpt-4o');
    expect(catalog.find('openai', 'gpt-4o-latest')?.model).toBe('gpt-4o');
    expect(catalog.find('vertex', 'gemini-2.5-pro@001')?.model).toBe('gemini-2.5-pro');
  });

  it('answers undefined for an unknown model or provider', () => {
    expect(catalog.find('openai', 'no-such-model')).toBeUndefined();
    expect(catalog.find('no-such-provider', 'gpt-4o-mini')).toBeUndefined();
    // asked twice: the memo must not turn a miss into a hit
    expect(catalog.find('openai', 'no-such-model')).toBeUndefined();
  });

  it('keeps providers apart', () => {
    const small = createCatalog({
      generatedFrom: catalog.generatedFrom,
      entries: [
        { ...catalog.find('openai', 'gpt-4o-mini')!, provider: 'a', input: 1e-6 },
        { ...catalog.find('openai', 'gpt-4o-mini')!, provider: 'b', input: 2e-6 },
      ],
    });
    expect(small.find('a', 'gpt-4o-mini')?.input).toBe(1e-6);
    expect(small.find('b', 'gpt-4o-mini-2024-07-18')?.input).toBe(2e-6);
    expect(small.findAnyProvider('gpt-4o-mini').map((entry) => entry.provider)).toEqual(['a', 'b']);
  });
});

describe('Catalog.findAnyProvider and modelsFor', () => {
  it('lists every provider serving a bare name', () => {
    const providers = catalog.findAnyProvider('gpt-4o-mini').map((entry) => entry.provider);
    expect(providers).toContain('openai');
    expect(providers).toContain('azure');
    expect(catalog.findAnyProvider('no-such-model')).toEqual([]);
  });

  it("lists a provider's chat models, sorted", () => {
    const models = catalog.modelsFor('openai');
    expect(models).toContain('gpt-4o-mini');
    expect(models).not.toContain('text-embedding-3-small');
    expect(models).toEqual([...models].sort());
  });
});
