import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../relay-core/src/catalog/catalog-types.js';
import type { RuleMatcher } from './group-source-models.js';
import type { MergeContext } from './merge-model-group.js';
import { mergeSources } from './merge-sources.js';
import type { SourceModel } from './source-model.js';

const context: MergeContext = {
  freshness: ['genai-prices', 'litellm', 'models.dev'],
  specificity: ['models.dev', 'litellm', 'genai-prices'],
  dates: { 'genai-prices': '2026-09-23', litellm: '2025-11-21', 'models.dev': '2025-09-11' },
  comparedAt: new Date('2026-09-23T12:00:00Z'),
};

const record = (source: string, id: string, extra: Partial<SourceModel> = {}): SourceModel => ({
  source,
  provider: 'acme',
  id,
  idListed: true,
  ...(source === 'genai-prices' ? {} : { mode: 'chat' as const }),
  ...extra,
});
const genai = (id: string, extra: Partial<SourceModel> = {}) =>
  record('genai-prices', id, { ruleKey: `acme:${id}`, aliases: { listed: [], forms: [] }, ...extra });
const prices = (input: number, output: number, extra = {}) => ({ prices: { input, output, ...extra } });

/** genai-prices' rules in these tests: an id starting with a rule's model id is priced by it. */
const rules =
  (...models: string[]): RuleMatcher =>
  (_provider, id) => {
    const model = models.find((candidate) => id.toLowerCase().startsWith(candidate));
    return model === undefined ? undefined : `acme:${model}`;
  };

function merge(records: SourceModel[], match: RuleMatcher = () => undefined) {
  const { entries, disagreements } = mergeSources(records, match, context);
  const by = (model: string) => entries.find((entry) => entry.model === model) as CatalogEntry;
  return { entries, disagreements, by };
}

describe('mergeSources: which ids are one model', () => {
  it('gives a dated, a -latest and a dotted id of one price one entry, with the others as aliases', () => {
    const { entries } = merge([
      record('litellm', 'widget-4-5', prices(1e-6, 2e-6)),
      record('litellm', 'widget-4-5-20250929', prices(1e-6, 2e-6)),
      record('models.dev', 'widget-4.5-latest', prices(1e-6, 2e-6)),
    ]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      model: 'widget-4-5',
      aliases: ['widget-4-5-20250929', 'widget-4.5-latest'],
    });
  });

  it('keeps apart ids one price rule covers but that name other models (a Responses-only variant)', () => {
    const { by } = merge(
      [
        genai('widget-5', { ...prices(1e-6, 8e-6), aliases: { listed: ['widget-5-codex'], forms: [] } }),
        record('litellm', 'widget-5-codex', { mode: 'responses', ...prices(1e-6, 8e-6) }),
        record('litellm', 'widget-5', prices(1e-6, 8e-6)),
      ],
      rules('widget-5'),
    );
    expect(by('widget-5')).toMatchObject({ mode: 'chat', source: 'genai-prices' });
    expect(by('widget-5-codex')).toMatchObject({ mode: 'responses', source: 'genai-prices', input: 1e-6 });
  });

  it('keeps apart ids of one name that the rules price apart (Bedrock global and regional)', () => {
    const match: RuleMatcher = (_provider, id) =>
      id.startsWith('global.')
        ? 'acme:global.vendor.widget'
        : id.includes('vendor.widget')
          ? 'acme:regional.vendor.widget'
          : undefined;
    const { entries } = merge(
      [
        record('genai-prices', 'global.vendor.widget-v1:0', {
          ruleKey: 'acme:global.vendor.widget',
          ...prices(3e-6, 1.5e-5),
        }),
        record('genai-prices', 'regional.vendor.widget-v1:0', {
          ruleKey: 'acme:regional.vendor.widget',
          idListed: false,
          ...prices(3.3e-6, 1.65e-5),
        }),
        record('litellm', 'us.vendor.widget-v1:0', prices(3.3e-6, 1.65e-5)),
        record('litellm', 'eu.vendor.widget-v1:0', prices(3.3e-6, 1.65e-5)),
        record('litellm', 'global.vendor.widget-v1:0', prices(3e-6, 1.5e-5)),
      ],
      match,
    );
    expect(entries.map((entry) => [entry.model, entry.input, entry.aliases])).toEqual([
      ['global.vendor.widget-v1:0', 3e-6, undefined],
      // every listed id is regional: the entry takes the model id under them
      [
        'vendor.widget-v1:0',
        3.3e-6,
        ['eu.vendor.widget-v1:0', 'regional.vendor.widget-v1:0', 'us.vendor.widget-v1:0'],
      ],
    ]);
  });

  it('keeps apart ids of one name no rule prices when the freshest source prices them apart', () => {
    const { entries } = merge([
      record('litellm', 'widget', prices(2.5e-6, 1e-5)),
      record('litellm', 'widget-2024-05-13', prices(5e-6, 1.5e-5)),
      record('models.dev', 'widget', prices(2.5e-6, 1e-5)),
    ]);
    expect(entries.map((entry) => [entry.model, entry.input])).toEqual([
      ['widget', 2.5e-6],
      ['widget-2024-05-13', 5e-6],
    ]);
  });
});

describe('mergeSources: which figure wins', () => {
  it('takes prices whole from the freshest source, and only cache prices an agreeing older one adds', () => {
    const { by } = merge(
      [
        genai('widget', prices(1e-6, 4e-6)),
        record(
          'litellm',
          'widget',
          prices(1.02e-6, 4e-6, {
            cacheRead: 1e-7,
            cacheWrite: 1.25e-6,
            tiers: [{ aboveInputTokens: 1, input: 9 }],
          }),
        ),
        record('models.dev', 'widget', prices(2e-6, 8e-6, { cacheWrite1h: 2e-6 })),
      ],
      rules('widget'),
    );
    expect(by('widget')).toMatchObject({
      input: 1e-6,
      output: 4e-6,
      cacheRead: 1e-7,
      cacheWrite: 1.25e-6,
      source: 'genai-prices',
      priceDate: '2026-09-23',
      priceFieldSources: { cacheRead: 'litellm', cacheWrite: 'litellm' },
    });
    // a tier is a statement of the source, and models.dev disagrees on the base: nothing from them
    expect(by('widget').tiers).toBeUndefined();
    expect(by('widget').cacheWrite1h).toBeUndefined();
  });

  it('takes limits from the record listed under the entry id first, then models.dev, LiteLLM, genai-prices', () => {
    const { by } = merge([
      record('litellm', 'widget', { ...prices(1e-6, 2e-6), contextWindow: 128_000, maxOutput: 4_096 }),
      record('models.dev', 'widget-2025-01-01', { contextWindow: 100_000, maxOutput: 8_192 }),
      record('models.dev', 'gadget', { contextWindow: 64_000 }),
      record('litellm', 'gadget', { ...prices(1e-6, 2e-6), contextWindow: 32_000, maxOutput: 2_048 }),
    ]);
    expect(by('widget')).toMatchObject({ contextWindow: 128_000, maxOutput: 4_096 });
    expect(by('gadget')).toMatchObject({
      contextWindow: 64_000,
      maxOutput: 2_048,
      limitsSource: 'models.dev',
    });
  });

  it('takes a capability any source states, and leaves one nobody states unknown', () => {
    const { by } = merge([
      record('litellm', 'widget', { ...prices(1e-6, 2e-6), capabilities: { tools: true, vision: false } }),
      record('models.dev', 'widget', { capabilities: { tools: false, vision: false, reasoning: true } }),
    ]);
    expect(by('widget').capabilities).toEqual({ tools: true, vision: false, reasoning: true });
  });
});

describe('mergeSources: disagreements', () => {
  it('records prices more than 5 % apart and different context windows, with every figure and date', () => {
    const { by, disagreements } = merge(
      [
        genai('widget', { ...prices(1e-6, 4e-6), contextWindow: 200_000 }),
        record('litellm', 'widget', { ...prices(1.04e-6, 4.4e-6), contextWindow: 200_000 }),
        record('models.dev', 'widget', { contextWindow: 1_000_000 }),
      ],
      rules('widget'),
    );
    // input 4 % apart: no; output 10 % apart: yes
    expect(by('widget').disagreements).toEqual([
      {
        field: 'output',
        figures: [
          { source: 'genai-prices', date: '2026-09-23', model: 'widget', value: 4e-6 },
          { source: 'litellm', date: '2025-11-21', model: 'widget', value: 4.4e-6 },
        ],
      },
      {
        field: 'contextWindow',
        figures: [
          { source: 'models.dev', date: '2025-09-11', model: 'widget', value: 1_000_000 },
          { source: 'litellm', date: '2025-11-21', model: 'widget', value: 200_000 },
          { source: 'genai-prices', date: '2026-09-23', model: 'widget', value: 200_000 },
        ],
      },
    ]);
    expect(disagreements.map((item) => [item.provider, item.model, item.field])).toEqual([
      ['acme', 'widget', 'output'],
      ['acme', 'widget', 'contextWindow'],
    ]);
  });

  it('compares prices as charged at the comparison moment (a peak-hour price applies at noon)', () => {
    const peak = {
      conditions: [
        { utcWindow: ['00:30', '16:30'] as [string, string], prices: { input: 2e-6, output: 4e-6 } },
      ],
    };
    const { by } = merge(
      [genai('widget', { ...prices(1e-6, 2e-6), ...peak }), record('litellm', 'widget', prices(2e-6, 4e-6))],
      rules('widget'),
    );
    expect(by('widget').disagreements).toBeUndefined();
    expect(by('widget').conditions).toEqual(peak.conditions);
  });
});
