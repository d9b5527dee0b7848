import type { ModelInfo, Provider } from '@pydantic/genai-prices';
import { calcPrice, waitForUpdate } from '@pydantic/genai-prices';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Usage } from '../../relay-core/src/canonical/types.js';
import { noCapabilities } from '../../relay-core/src/catalog/catalog-types.js';
import type { CatalogEntry } from '../../relay-core/src/catalog/catalog-types.js';
import { computeCost } from '../../relay-core/src/catalog/compute-cost.js';
import { loadCatalog } from '../../relay-core/src/catalog/load-catalog.js';
import { readCatalogSources } from './catalog-sources.js';
import { readLitellm } from './read-litellm.js';
import { createGenaiMatcher, readGenaiPrices } from './read-genai-prices.js';
import { readModelsDev } from './read-models-dev.js';
import { genaiPricesProviderFor } from './source-providers.js';

let providers: Provider[];
beforeAll(async () => {
  providers = (await waitForUpdate())!;
});

/** A usage in both shapes: ours, and genai-prices' (its input and output include the sub-classes). */
function usages(
  input: number,
  read: number,
  write: number,
  write1h: number,
  output: number,
  reasoning: number,
) {
  const ours: Usage = {
    inputTokens: input,
    cacheReadTokens: read,
    cacheWriteTokens: write,
    cacheWrite1hTokens: write1h,
    outputTokens: output,
    reasoningTokens: reasoning,
    webSearches: 2,
  };
  const theirs = {
    input_tokens: input,
    cache_read_tokens: read,
    cache_write_tokens: write,
    cache_write_1h_tokens: write1h,
    output_tokens: output,
    output_reasoning_tokens: reasoning,
    web_searches: 2,
  };
  return { ours, theirs };
}

const cases = [
  usages(1_000, 0, 0, 0, 500, 0),
  usages(150_000, 40_000, 30_000, 10_000, 4_000, 1_000),
  // just over the thresholds genai-prices uses: 128k, 200k, 272k, 512k
  usages(200_001, 100_000, 20_000, 5_000, 2_000, 500),
  usages(272_001, 0, 50_000, 50_000, 8_000, 8_000),
  usages(600_000, 300_000, 0, 0, 1_000, 0),
];
const moments = [
  '2026-07-01T02:30:00Z',
  '2026-09-23T12:00:00Z',
  '2026-12-07T20:00:00Z',
  '2027-02-01T08:00:00Z',
];

describe('genai-prices as the catalog reads it', () => {
  it("charges what genai-prices' own calculator charges, for every model with token prices", () => {
    const records = readGenaiPrices(providers);
    let compared = 0;
    for (const provider of providers) {
      for (const model of provider.models) {
        const record = records.find((candidate) => candidate.ruleKey === `${provider.id}:${model.id}`)!;
        if (record.prices?.input === undefined || record.prices.output === undefined) continue;
        const entry: CatalogEntry = {
          provider: record.provider,
          model: model.id,
          mode: 'chat',
          ...record.prices,
          ...(record.conditions ? { conditions: record.conditions } : {}),
          capabilities: noCapabilities,
          source: 'genai-prices',
          priceDate: '2026-09-23',
        };
        // the model alone under a name its rule surely matches
        const only: ModelInfo = { ...model, match: { equals: 'the-model' } };
        for (const { ours, theirs } of cases) {
          for (const moment of moments) {
            const expected = calcPrice(theirs, 'the-model', {
              provider: { ...provider, models: [only], fallback_model_providers: undefined },
              timestamp: new Date(moment),
            })!.total_price;
            expect(
              computeCost(ours, entry, { at: Date.parse(moment) }),
              `${provider.id}/${model.id} ${moment}`,
            ).toBeCloseTo(expected, 9);
            compared += 1;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(5_000);
  });

  it("picks the model genai-prices' own rules pick for every id the other sources list", async () => {
    const match = createGenaiMatcher(providers);
    const sources = await readCatalogSources();
    const ids = [...readLitellm(sources.litellm, '2025-11-21').models, ...readModelsDev(sources.modelsDev)];
    const genaiIds = providers.map((provider) => provider.id);
    let compared = 0;
    for (const record of ids) {
      const genaiProvider = genaiPricesProviderFor(record.provider, genaiIds);
      if (!genaiProvider) continue;
      const theirs = calcPrice({}, record.id, { providerId: genaiProvider });
      const ours = match(record.provider, record.id);
      expect(ours?.slice(ours.indexOf(':') + 1), `${record.provider}/${record.id}`).toBe(theirs?.model.id);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(1_000);
  });

  it("prices the issue's worked examples in the catalog as genai-prices does", () => {
    const catalog = loadCatalog();
    const examples: Array<[string, string, string, string, Partial<ReturnType<typeof usages>>]> = [
      [
        'anthropic',
        'claude-opus-4-8',
        'anthropic',
        'claude-opus-4-8',
        usages(20_000, 8_000, 10_000, 6_000, 1_500, 0),
      ],
      ['gemini', 'gemini-2.5-pro', 'google', 'gemini-2.5-pro', usages(250_000, 100_000, 0, 0, 2_000, 500)],
      ['openai', 'gpt-5.3-codex', 'openai', 'gpt-5.3-codex', usages(30_000, 20_000, 0, 0, 4_000, 3_000)],
      ['deepseek', 'deepseek-chat', 'deepseek', 'deepseek-chat', usages(10_000, 7_000, 0, 0, 1_000, 0)],
    ];
    for (const [provider, model, genaiProvider, genaiModel, { ours, theirs }] of examples) {
      for (const moment of ['2026-12-07T12:00:00Z', '2026-12-07T20:00:00Z']) {
        const expected = calcPrice(theirs!, genaiModel, {
          providerId: genaiProvider,
          timestamp: new Date(moment),
        })!;
        expect(computeCost(ours!, catalog.find(provider, model)!, { at: Date.parse(moment) })).toBeCloseTo(
          expected.total_price,
          9,
        );
      }
    }
  });
});
