import { noCapabilities } from './catalog-types.js';
import { describe, expect, it } from 'vitest';
import type { Usage } from '../canonical/types.js';
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

describe('computeCost: worked examples against the bundled catalog', () => {
  it('OpenAI gpt-4o-mini: cached input at the cache price ($0.15 / $0.075 / $0.60 per 1M)', () => {
    // 10,000 input of which 4,000 cached, 1,000 output:
    // 6,000 × 0.15e-6 + 4,000 × 0.075e-6 + 1,000 × 0.6e-6 = 0.0009 + 0.0003 + 0.0006
    expect(
      priced('openai', 'gpt-4o-mini-2024-07-18', {
        inputTokens: 10_000,
        cacheReadTokens: 4_000,
        outputTokens: 1_000,
      }),
    ).toBeCloseTo(0.0018, 12);
  });

  it('Anthropic claude-sonnet-4-5: cache write 1.25×, read 0.1× of $3 input; $15 output', () => {
    // 1,000 uncached + 2,000 written + 5,000 read, 500 output:
    // 1,000 × 3e-6 + 2,000 × 3.75e-6 + 5,000 × 0.3e-6 + 500 × 15e-6 = 0.003 + 0.0075 + 0.0015 + 0.0075
    expect(
      priced('anthropic', 'claude-sonnet-4-5-20250929', {
        inputTokens: 8_000,
        cacheWriteTokens: 2_000,
        cacheReadTokens: 5_000,
        outputTokens: 500,
      }),
    ).toBeCloseTo(0.0195, 12);
  });

  it('Gemini gemini-2.5-pro: the whole request moves to the tier above 200k input tokens', () => {
    // below: 100,000 × 1.25e-6 + 1,000 × 10e-6 = 0.125 + 0.01
    expect(priced('gemini', 'gemini-2.5-pro', { inputTokens: 100_000, outputTokens: 1_000 })).toBeCloseTo(
      0.135,
      12,
    );
    // above: 250,000 × 2.5e-6 + 1,000 × 15e-6 = 0.625 + 0.015
    expect(priced('gemini', 'gemini-2.5-pro', { inputTokens: 250_000, outputTokens: 1_000 })).toBeCloseTo(
      0.64,
      12,
    );
  });

  it('DeepSeek deepseek-chat: cache hits at the hit price, reasoning counted as output', () => {
    const entry = catalog.find('deepseek', 'deepseek-chat')!;
    // written out from the entry's own prices so the formula, not the snapshot, is under test
    const expected = 3_000 * entry.input! + 7_000 * entry.cacheRead! + 2_000 * entry.output!;
    expect(entry.cacheRead).toBeLessThan(entry.input!);
    expect(
      priced('deepseek', 'deepseek-chat', {
        inputTokens: 10_000,
        cacheReadTokens: 7_000,
        outputTokens: 2_000,
        reasoningTokens: 500,
      }),
    ).toBeCloseTo(expected, 12);
  });

  it('leaves an entry without prices unpriced instead of $0', () => {
    expect(
      computeCost(usage({ inputTokens: 10, outputTokens: 10 }), {
        provider: 'x',
        model: 'y',
        mode: 'chat',
        capabilities: noCapabilities,
        source: 'test',
        priceDate: '2025-11-21',
      }),
    ).toBeUndefined();
  });
});
