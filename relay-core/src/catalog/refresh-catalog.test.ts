import { describe, expect, it } from 'vitest';
import { noCapabilities } from './catalog-types.js';
import type { CatalogEntry } from './catalog-types.js';
import { createCatalog, loadCatalog } from './load-catalog.js';
import { mergeRefreshed } from './refresh-catalog.js';

const bundled = loadCatalog();

describe('mergeRefreshed: an online refresh over the bundled catalog', () => {
  it('replaces the bundled model it names (by id or alias), keeping every name that found it', () => {
    const before = bundled.find('openrouter', 'openai/gpt-4o')!;
    expect(before.source).not.toBe('openrouter');
    // OpenRouter's list on a later day names the model by one of its ids
    const name = before.aliases?.[0] ?? before.model;
    const refreshed: CatalogEntry = {
      provider: 'openrouter',
      model: name,
      mode: 'chat',
      input: 1e-6,
      output: 2e-6,
      capabilities: noCapabilities,
      source: 'openrouter',
      priceDate: '2026-12-07',
    };
    const merged = createCatalog(
      mergeRefreshed(
        { sources: bundled.sources, entries: [...bundled.entries] },
        { refreshedAt: '2026-12-07T10:00:00Z', sources: [], entries: [refreshed] },
      ),
    );
    for (const old of [before.model, ...(before.aliases ?? [])]) {
      expect(merged.find('openrouter', old), old).toMatchObject({ source: 'openrouter', input: 1e-6 });
    }
    expect(merged.entries.length).toBe(bundled.entries.length);
  });

  it('adds a model the bundle does not know, and leaves the bundle as it is without a refresh', () => {
    const file = { sources: bundled.sources, entries: [...bundled.entries] };
    expect(mergeRefreshed(file, undefined)).toBe(file);
    const merged = mergeRefreshed(file, {
      refreshedAt: '2026-12-07T10:00:00Z',
      sources: [],
      entries: [
        {
          provider: 'openrouter',
          model: 'acme/brand-new',
          mode: 'chat',
          capabilities: noCapabilities,
          source: 'openrouter',
          priceDate: '2026-12-07',
        },
      ],
    });
    expect(merged.entries.length).toBe(bundled.entries.length + 1);
  });
});
