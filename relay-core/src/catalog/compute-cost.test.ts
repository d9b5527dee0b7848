import { describe, expect, it } from 'vitest';
import type { Usage } from '../canonical/types.js';
import { noCapabilities } from './catalog-types.js';
import type { CatalogEntry } from './catalog-types.js';
import { computeCost } from './compute-cost.js';
import { loadCatalog } from './load-catalog.js';

const catalog = loadCatalog();
const usage = (u: Partial<Usage>): Usage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  ...u,
});
function priced(provider: string, model: string, u: Partial<Usage>): number | undefined {
  const entry = catalog.find(provider, model);
  if (!entry) throw new Error(`${provider}/${model} missing from the catalog`);
  return computeCost(usage(u), entry);
}
const entry = (prices: Partial<CatalogEntry>): CatalogEntry => ({
  provider: 'test',
  model: 'm',
  mode: 'chat',
  capabilities: noCapabilities,
  source: 'test',
  priceDate: '2025-11-21',
  ...prices,
});

// Expected values are worked out by hand from the literal catalog prices in the comments (USD per
// token, as in resources/catalog.json for the 2025-11-21 LiteLLM snapshot); `toBe` also checks
// that float noise is rounded away.
describe('computeCost: worked examples against the bundled catalog', () => {
  it('OpenAI gpt-4o-mini: cached input at the cache price', () => {
    // input 1.5e-7, cacheRead 7.5e-8, output 6e-7
    // 10,000 input of which 4,000 cached, 1,000 output:
    // 6,000 × 1.5e-7 + 4,000 × 7.5e-8 + 1,000 × 6e-7 = 0.0009 + 0.0003 + 0.0006 = 0.0018
    expect(
      priced('openai', 'gpt-4o-mini-2024-07-18', {
        inputTokens: 10_000,
        cacheReadTokens: 4_000,
        outputTokens: 1_000,
      }),
    ).toBe(0.0018);
  });

  it('Anthropic claude-sonnet-4-5: cache write 1.25×, read 0.1× of the input price', () => {
    // input 3e-6, cacheWrite 3.75e-6, cacheRead 3e-7, output 1.5e-5
    // 8,000 input = 1,000 uncached + 2,000 written + 5,000 read; 500 output:
    // 1,000 × 3e-6 + 2,000 × 3.75e-6 + 5,000 × 3e-7 + 500 × 1.5e-5 = 0.003 + 0.0075 + 0.0015 + 0.0075
    expect(
      priced('anthropic', 'claude-sonnet-4-5-20250929', {
        inputTokens: 8_000,
        cacheWriteTokens: 2_000,
        cacheReadTokens: 5_000,
        outputTokens: 500,
      }),
    ).toBe(0.0195);
  });

  it('Gemini gemini-2.5-pro: the whole request moves to the tier above 200k input tokens', () => {
    // input 1.25e-6, output 1e-5; above 200,000: input 2.5e-6, output 1.5e-5
    // below: 100,000 × 1.25e-6 + 1,000 × 1e-5 = 0.125 + 0.01
    expect(priced('gemini', 'gemini-2.5-pro', { inputTokens: 100_000, outputTokens: 1_000 })).toBe(0.135);
    // exactly 200,000 is not above the threshold: 200,000 × 1.25e-6 = 0.25
    expect(priced('gemini', 'gemini-2.5-pro', { inputTokens: 200_000 })).toBe(0.25);
    // above: 250,000 × 2.5e-6 + 1,000 × 1.5e-5 = 0.625 + 0.015
    expect(priced('gemini', 'gemini-2.5-pro', { inputTokens: 250_000, outputTokens: 1_000 })).toBe(0.64);
    // the tier lists no cache price, so cached tokens keep the base cacheRead 3.125e-7:
    // 50,000 × 2.5e-6 + 200,000 × 3.125e-7 = 0.125 + 0.0625
    expect(priced('gemini', 'gemini-2.5-pro', { inputTokens: 250_000, cacheReadTokens: 200_000 })).toBe(
      0.1875,
    );
  });

  it('DeepSeek deepseek-chat: cache hits at the hit price, reasoning counted as output', () => {
    // input 6e-7, cacheRead 6e-8, output 1.7e-6, no reasoning price
    // 10,000 input of which 7,000 cache hits; 2,000 output of which 500 reasoning:
    // 3,000 × 6e-7 + 7,000 × 6e-8 + 2,000 × 1.7e-6 = 0.0018 + 0.00042 + 0.0034 = 0.00562
    expect(
      priced('deepseek', 'deepseek-chat', {
        inputTokens: 10_000,
        cacheReadTokens: 7_000,
        outputTokens: 2_000,
        reasoningTokens: 500,
      }),
    ).toBe(0.00562);
  });

  it("Qwen qwen-plus: reasoning at its own price, and at the tier's above 256k", () => {
    // input 4e-7, output 1.2e-6, reasoning 4e-6; above 256,000: 1.2e-6 / 3.6e-6 / 1.2e-5
    // 1,000 input, 1,000 output of which 400 reasoning:
    // 1,000 × 4e-7 + 600 × 1.2e-6 + 400 × 4e-6 = 0.0004 + 0.00072 + 0.0016 = 0.00272
    const u = { outputTokens: 1_000, reasoningTokens: 400 };
    expect(priced('qwen', 'qwen-plus-latest', { inputTokens: 1_000, ...u })).toBe(0.00272);
    // 300,000 × 1.2e-6 + 600 × 3.6e-6 + 400 × 1.2e-5 = 0.36 + 0.00216 + 0.0048 = 0.36696
    expect(priced('qwen', 'qwen-plus-latest', { inputTokens: 300_000, ...u })).toBe(0.36696);
  });
});

describe('computeCost: rules', () => {
  it('leaves an entry without an input or output price unpriced instead of $0', () => {
    const u = usage({ inputTokens: 10, outputTokens: 10 });
    expect(computeCost(u, entry({}))).toBeUndefined();
    expect(computeCost(u, entry({ input: 1e-6 }))).toBeUndefined();
    expect(computeCost(u, entry({ input: 0, output: 0 }))).toBe(0);
  });

  it('bills cache reads and writes at the input price when no cache price is known', () => {
    // 10 uncached + 20 read + 30 written, all at 1e-6; 5 output at 2e-6
    expect(
      computeCost(
        usage({ inputTokens: 60, cacheReadTokens: 20, cacheWriteTokens: 30, outputTokens: 5 }),
        entry({ input: 1e-6, output: 2e-6 }),
      ),
    ).toBe(0.00007);
  });

  it('picks the highest tier exceeded, whatever order the tiers are listed in', () => {
    const tiered = entry({
      input: 1e-6,
      output: 1e-6,
      tiers: [
        { aboveInputTokens: 128_000, input: 3e-6 },
        { aboveInputTokens: 32_000, input: 2e-6 },
      ],
    });
    expect(computeCost(usage({ inputTokens: 100_000 }), tiered)).toBe(0.2);
    expect(computeCost(usage({ inputTokens: 200_000 }), tiered)).toBe(0.6);
    // what-if re-pricing sums many requests but picks the tier of a single one
    expect(computeCost(usage({ inputTokens: 200_000 }), tiered, 1_000)).toBe(0.2);
  });

  it('prices each token once, and the tokens of a part the provider did not report at their total', () => {
    const prices = entry({
      input: 1e-6,
      cacheRead: 1e-7,
      cacheWrite: 1.25e-6,
      output: 4e-6,
      reasoning: 8e-6,
    });
    // nothing reported but the totals: 1,000 × 1e-6 + 100 × 4e-6 = 0.0014
    expect(computeCost({ inputTokens: 1000, outputTokens: 100 }, prices)).toBe(0.0014);
    // 400 of the input written, 60 of the output reasoning:
    // 600 × 1e-6 + 400 × 1.25e-6 + 40 × 4e-6 + 60 × 8e-6 = 0.0006 + 0.0005 + 0.00016 + 0.00048 = 0.00174
    expect(
      computeCost(
        { inputTokens: 1000, outputTokens: 100, cacheWriteTokens: 400, reasoningTokens: 60 },
        prices,
      ),
    ).toBe(0.00174);
  });
});
