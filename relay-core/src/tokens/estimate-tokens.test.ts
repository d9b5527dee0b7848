import { describe, expect, it } from 'vitest';
import { Tiktoken } from 'js-tiktoken/lite';
import ranks from 'js-tiktoken/ranks/o200k_base';
import { estimateUsage } from './estimate-tokens.js';

describe('estimateUsage', () => {
  it('counts prompt and output tokens with a real tokenizer and marks them estimated', async () => {
    const usage = await estimateUsage(
      {
        model: 'm',
        stream: true,
        includeUsage: false,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello world' }] }],
      },
      { text: 'The capital of France is Paris.', reasoning: '' },
    );
    // o200k_base: "Hello world" is 2 tokens (+4 for the message); the answer is 7: The|capital|of|France|is|Paris|.
    expect(usage).toEqual({
      inputTokens: 6,
      outputTokens: 7,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      estimated: true,
    });
  });

  it('counts exactly as js-tiktoken does, for prose, code and other scripts', async () => {
    const text =
      'Grüße aus Köln! 東京は晴れ。 function add(a, b) { return a + b; } // 42 ✓ — «quotes» 😀\n\tindent';
    const stock = new Tiktoken(ranks);
    const usage = await estimateUsage(
      { model: 'm', stream: true, includeUsage: false, messages: [] },
      { text, reasoning: '' },
    );
    expect(usage.outputTokens).toBe(stock.encode(text).length);
  });

  it('counts reasoning as part of the output', async () => {
    const usage = await estimateUsage(
      { model: 'm', stream: true, includeUsage: false, messages: [] },
      { text: 'ok', reasoning: 'Let me think about it.' },
    );
    expect(usage.reasoningTokens).toBeGreaterThan(3);
    expect(usage.outputTokens).toBe(usage.reasoningTokens + 1);
  });
});

describe('long outputs', () => {
  const request = { model: 'm', stream: true, includeUsage: false, messages: [] };

  it('counts a huge run without spaces (base64, a repeated character) instead of hanging', async () => {
    // exactly one token per 8 x's, but the tokenizer alone would need hours for this one piece;
    // cut into runs, it is an estimate of the right order
    const usage = await estimateUsage(request, { text: 'x'.repeat(400_000), reasoning: '' });
    expect(usage.outputTokens).toBeGreaterThan(50_000 * 0.75);
    expect(usage.outputTokens).toBeLessThan(50_000 * 1.5);
  });

  it('extrapolates a long ordinary text from samples within a few percent', async () => {
    const text = 'All work and no play makes Jack a dull boy. '.repeat(10_000); // exactly 110,001 tokens
    const usage = await estimateUsage(request, { text, reasoning: '' });
    expect(Math.abs(usage.outputTokens - 110_001) / 110_001).toBeLessThan(0.02);
  });
});
