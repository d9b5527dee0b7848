import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from './catalog-types.js';
import { createCatalog, loadCatalog } from './load-catalog.js';
import { canonicalModelKey } from './normalize-model-id.js';

const catalog = loadCatalog();

describe('bundled catalog', () => {
  const chat = catalog.entries.filter((entry) => entry.mode === 'chat');
  const providersOf = (list: readonly CatalogEntry[]) => new Set(list.map((entry) => entry.provider));

  it('holds at least 2,000 distinct chat models across at least 80 providers, after normalisation', () => {
    // one model per provider and normalised name: dated, dotted and regional ids count once
    const distinct = new Set(chat.map((entry) => `${entry.provider}\u0000${canonicalModelKey(entry.model)}`));
    expect(distinct.size).toBeGreaterThanOrEqual(2_000);
    expect(providersOf(chat).size).toBeGreaterThanOrEqual(80);
  });

  it('names its three sources with version, date and license, and each entry its own source and date', () => {
    expect(catalog.sources.map((source) => source.id).sort()).toEqual([
      'genai-prices',
      'litellm',
      'models.dev',
    ]);
    const dates = new Map(catalog.sources.map((source) => [source.id, source.date]));
    for (const source of catalog.sources) {
      expect(source.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(source.license).toBe('MIT');
      expect(source.version).not.toBe('');
    }
    // issue 6's line: 1,500 chat models across 40 providers, each with its source and price date
    expect(chat.length).toBeGreaterThanOrEqual(1_500);
    for (const entry of catalog.entries) {
      expect(dates.get(entry.source), `${entry.provider}/${entry.model}`).toBe(entry.priceDate);
      for (const source of Object.values(entry.priceFieldSources ?? {})) expect(dates.has(source)).toBe(true);
      if (entry.limitsSource) expect(dates.has(entry.limitsSource)).toBe(true);
    }
  });

  it('prices the models people use now, from the freshest source', () => {
    for (const [provider, model] of [
      ['anthropic', 'claude-opus-4-5'],
      ['anthropic', 'claude-opus-4-6'],
      ['anthropic', 'claude-opus-4-7'],
      ['anthropic', 'claude-opus-4-8'],
      ['openai', 'gpt-5.1'],
      ['openai', 'gpt-5.2'],
      ['openai', 'gpt-5.3'],
      ['openai', 'gpt-5.1-codex'],
      ['openai', 'gpt-5.1-codex-max'],
      ['openai', 'gpt-5.3-codex'],
      ['gemini', 'gemini-3-pro-preview'],
      ['gemini', 'gemini-3.5-flash'],
    ]) {
      const entry = catalog.find(provider!, model!);
      expect(entry, `${provider}/${model}`).toMatchObject({
        source: 'genai-prices',
        priceDate: '2026-09-23',
      });
      expect(entry!.input, `${provider}/${model}`).toBeGreaterThan(0);
      expect(entry!.output, `${provider}/${model}`).toBeGreaterThan(0);
    }
    // Codex models answer only the Responses API, whichever source names them
    expect(catalog.find('openai', 'gpt-5.1-codex-max')?.mode).toBe('responses');
    expect(catalog.find('openai', 'gpt-5-codex')?.mode).toBe('responses');
    expect(catalog.find('openai', 'gpt-5')?.mode).toBe('chat');
  });

  it('finds every model under every id and alias the sources list, in any case', () => {
    for (const entry of catalog.entries) {
      for (const name of [entry.model, ...(entry.aliases ?? [])]) {
        expect(catalog.find(entry.provider, name), `${entry.provider}: ${name}`).toBe(entry);
        expect(catalog.find(entry.provider, name.toUpperCase()), `${entry.provider}: ${name}`).toBe(entry);
      }
    }
  });

  it('keeps a capability no source states unknown, not false', () => {
    // only genai-prices knows Claude Opus 4.8, and it says nothing of tools
    expect(catalog.find('anthropic', 'claude-opus-4-8')?.capabilities.tools).toBeUndefined();
    expect(catalog.find('openai', 'gpt-4o')?.capabilities.tools).toBe(true);
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
  it('finds regional and dated ids of one model, and keeps apart what sources price apart', () => {
    const regional = catalog.find('bedrock', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(regional).toBe(catalog.find('bedrock', 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0'));
    expect(regional?.model).toBe('anthropic.claude-sonnet-4-5-20250929-v1:0');
    // Bedrock's global profile is priced below the regional ones (genai-prices: 3 vs 3.3 per 1M)
    const global = catalog.find('bedrock', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(global).not.toBe(regional);
    expect([global?.input, regional?.input]).toEqual([3e-6, 3.3e-6]);
    // a Vertex @version and a dotted version find the model
    expect(catalog.find('vertex', 'claude-sonnet-4-5@20250929')?.model).toBe('claude-sonnet-4-5');
    expect(catalog.find('anthropic', 'claude-opus-4.5')?.model).toBe('claude-opus-4-5');
    // gpt-4o's first snapshot kept its own, higher price
    expect(catalog.find('openai', 'gpt-4o-2024-05-13')?.input).toBe(5e-6);
    expect(catalog.find('openai', 'gpt-4o-2024-08-06')?.input).toBe(2.5e-6);
  });

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
      sources: catalog.sources,
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
