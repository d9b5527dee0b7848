import { describe, expect, it } from 'vitest';
import type { Usage } from '../canonical/types.js';
import { noCapabilities } from './catalog-types.js';
import type { CatalogEntry } from './catalog-types.js';
import { computeCost } from './compute-cost.js';
import type { CostOptions } from './compute-cost.js';
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
function priced(
  provider: string,
  model: string,
  u: Partial<Usage>,
  options?: CostOptions,
): number | undefined {
  const entry = catalog.find(provider, model);
  if (!entry) throw new Error(`${provider}/${model} missing from the catalog`);
  return computeCost(usage(u), entry, options);
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

// Each expected value is worked out by hand from the source's own figures, quoted in the comment
// as the source writes them (genai-prices 0.1.8: USD per million tokens, `_kcount` per thousand);
// the catalog holds them per token. `toBe` also checks that float noise is rounded away.
describe('computeCost: worked examples against the bundled catalog', () => {
  it('Claude Opus 4.8 (Anthropic): cache writes at 5 minutes and at one hour, reads, web searches', () => {
    expect(catalog.find('anthropic', 'claude-opus-4-8')).toMatchObject({ source: 'genai-prices' });
    // genai-prices anthropic/claude-opus-4-8: input_mtok 5, cache_write_mtok 6.25,
    // cache_write_1h_mtok 10, cache_read_mtok 0.5, output_mtok 25, web_searches_kcount 10
    // 20,000 input = 2,000 uncached + 10,000 written (6,000 of them for one hour) + 8,000 read;
    // 1,500 output; 2 web searches:
    //   2,000 × 5/1M + 4,000 × 6.25/1M + 6,000 × 10/1M + 8,000 × 0.5/1M + 1,500 × 25/1M + 2 × 10/1000
    //   = 0.01 + 0.025 + 0.06 + 0.004 + 0.0375 + 0.02 = 0.1565
    const turn = {
      inputTokens: 20_000,
      cacheWriteTokens: 10_000,
      cacheWrite1hTokens: 6_000,
      cacheReadTokens: 8_000,
      outputTokens: 1_500,
      webSearches: 2,
    };
    expect(priced('anthropic', 'claude-opus-4-8', turn)).toBe(0.1565);
    // the same turn with every write at 5 minutes: the one-hour price made 6,000 × 3.75/1M = 0.0225 of it
    expect(priced('anthropic', 'claude-opus-4-8', { ...turn, cacheWrite1hTokens: 0 })).toBe(0.134);
    // a dated or dotted name Claude Code sends is the same model at the same price
    expect(priced('anthropic', 'claude-opus-4.8', turn)).toBe(0.1565);
  });

  it('Gemini 2.5 Pro: the whole request moves to the tier over 200k input tokens', () => {
    // genai-prices google/gemini-2.5-pro: input_mtok {base 1.25, over 200,000: 2.5},
    // cache_read_mtok {base 0.125, over 200,000: 0.25}, output_mtok {base 10, over 200,000: 15};
    // thinking tokens are output tokens.
    // 250,000 input of which 100,000 cached; 2,000 output of which 500 thinking:
    //   150,000 × 2.5/1M + 100,000 × 0.25/1M + 2,000 × 15/1M = 0.375 + 0.025 + 0.03 = 0.43
    const over = {
      inputTokens: 250_000,
      cacheReadTokens: 100_000,
      outputTokens: 2_000,
      reasoningTokens: 500,
    };
    expect(priced('gemini', 'gemini-2.5-pro', over)).toBe(0.43);
    // exactly 200,000 is not over: 200,000 × 1.25/1M + 2,000 × 10/1M = 0.25 + 0.02
    expect(priced('gemini', 'gemini-2.5-pro', { inputTokens: 200_000, outputTokens: 2_000 })).toBe(0.27);
    // Vertex AI's Gemini is priced by the same rule
    expect(priced('vertex', 'gemini-2.5-pro', over)).toBe(0.43);
  });

  it('GPT-5.3-Codex: reasoning tokens at the output price, cached input at the cache price', () => {
    expect(catalog.find('openai', 'gpt-5.3-codex')).toMatchObject({ mode: 'responses' });
    // genai-prices openai/gpt-5.3-codex: input_mtok 1.75, cache_read_mtok 0.175, output_mtok 14
    // 30,000 input of which 20,000 cached; 4,000 output of which 3,000 reasoning:
    //   10,000 × 1.75/1M + 20,000 × 0.175/1M + 4,000 × 14/1M = 0.0175 + 0.0035 + 0.056 = 0.077
    const turn = {
      inputTokens: 30_000,
      cacheReadTokens: 20_000,
      outputTokens: 4_000,
      reasoningTokens: 3_000,
    };
    expect(priced('openai', 'gpt-5.3-codex', turn)).toBe(0.077);
    // the reasoning is not billed apart: the same cost with none of it reasoning
    expect(priced('openai', 'gpt-5.3-codex', { ...turn, reasoningTokens: 0 })).toBe(0.077);
  });

  it('DeepSeek Chat: cache hits at the hit price, at peak and off-peak hours', () => {
    // genai-prices deepseek/deepseek-chat: unconstrained (off-peak) input_mtok 0.135,
    // cache_read_mtok 0.035, output_mtok 0.55; from 00:30 to 16:30 UTC input_mtok 0.27,
    // cache_read_mtok 0.07, output_mtok 1.1
    // 10,000 input of which 7,000 cache hits; 1,000 output.
    const turn = { inputTokens: 10_000, cacheReadTokens: 7_000, outputTokens: 1_000 };
    // at 12:00 UTC: 3,000 × 0.27/1M + 7,000 × 0.07/1M + 1,000 × 1.1/1M = 0.00081 + 0.00049 + 0.0011
    expect(priced('deepseek', 'deepseek-chat', turn, { at: Date.parse('2026-12-07T12:00:00Z') })).toBe(
      0.0024,
    );
    // at 20:00 UTC: 3,000 × 0.135/1M + 7,000 × 0.035/1M + 1,000 × 0.55/1M = 0.000405 + 0.000245 + 0.00055
    expect(priced('deepseek', 'deepseek-chat', turn, { at: Date.parse('2026-12-07T20:00:00Z') })).toBe(
      0.0012,
    );
    // the window's end is excluded: 16:30 is off-peak
    expect(priced('deepseek', 'deepseek-chat', turn, { at: Date.parse('2026-12-07T16:30:00Z') })).toBe(
      0.0012,
    );
  });

  it('Perplexity Sonar Pro: a fee per request on top of its tokens', () => {
    // genai-prices perplexity/sonar-pro: input_mtok 3, output_mtok 15, requests_kcount 14
    // 1,000 input, 500 output, one request: 1,000 × 3/1M + 500 × 15/1M + 14/1000 = 0.003 + 0.0075 + 0.014
    expect(priced('perplexity', 'sonar-pro', { inputTokens: 1_000, outputTokens: 500 })).toBe(0.0245);
    // what-if re-pricing of 3 requests summed: the fee three times
    expect(
      priced('perplexity', 'sonar-pro', { inputTokens: 3_000, outputTokens: 1_500 }, { requests: 3 }),
    ).toBe(0.0735);
  });

  it("Qwen qwen-plus-latest (LiteLLM): reasoning at its own price, and at the tier's above 256k", () => {
    // LiteLLM dashscope/qwen-plus-latest: input 4e-7, output 1.2e-6, output_cost_per_reasoning_token
    // 4e-6; tiered_pricing above 256,000: 1.2e-6 / 3.6e-6 / 1.2e-5 (per token)
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

  it('bills one-hour cache writes at the write price when no one-hour price is known', () => {
    // 100 written, 40 of them for an hour, all at the write price 2e-6: 100 × 2e-6
    const u = usage({ inputTokens: 100, cacheWriteTokens: 100, cacheWrite1hTokens: 40 });
    expect(computeCost(u, entry({ input: 1e-6, output: 1e-6, cacheWrite: 2e-6 }))).toBe(0.0002);
    // with a one-hour price: 60 × 2e-6 + 40 × 4e-6
    expect(computeCost(u, entry({ input: 1e-6, output: 1e-6, cacheWrite: 2e-6, cacheWrite1h: 4e-6 }))).toBe(
      0.00028,
    );
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
    expect(computeCost(usage({ inputTokens: 200_000 }), tiered, { tierInputTokens: 1_000 })).toBe(0.2);
  });

  it('charges a price change from its first day, and the latest condition that applies', () => {
    const changing = entry({
      input: 1e-6,
      output: 1e-6,
      conditions: [
        { from: '2027-01-01', prices: { input: 2e-6, output: 2e-6 } },
        { utcWindow: ['22:00', '02:00'], prices: { input: 5e-7, output: 5e-7 } },
      ],
    });
    const u = usage({ inputTokens: 1_000 });
    expect(computeCost(u, changing, { at: Date.parse('2026-12-31T12:00:00Z') })).toBe(0.001);
    expect(computeCost(u, changing, { at: Date.parse('2027-01-01T00:00:00Z') })).toBe(0.0005);
    expect(computeCost(u, changing, { at: Date.parse('2027-01-01T12:00:00Z') })).toBe(0.002);
    // a window past midnight
    expect(computeCost(u, changing, { at: Date.parse('2026-06-01T23:59:00Z') })).toBe(0.0005);
    expect(computeCost(u, changing, { at: Date.parse('2026-06-01T02:00:00Z') })).toBe(0.001);
    // without a moment: the entry's own prices
    expect(computeCost(u, changing)).toBe(0.001);
  });

  it('adds nothing for web searches or requests an entry prices at nothing', () => {
    const u = usage({ inputTokens: 1_000, outputTokens: 0, webSearches: 3 });
    expect(computeCost(u, entry({ input: 1e-6, output: 1e-6 }))).toBe(0.001);
    expect(computeCost(u, entry({ input: 1e-6, output: 1e-6, webSearch: 0.01 }))).toBe(0.031);
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
