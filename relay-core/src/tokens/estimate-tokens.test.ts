import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tiktoken } from 'js-tiktoken/lite';
import ranks from 'js-tiktoken/ranks/o200k_base';
import type { CanonicalRequest } from '../canonical/types.js';
import { estimateUsage, sampleInput } from './estimate-tokens.js';

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
    // No reasoning was seen, and none is claimed: the model may have reasoned without showing it
    expect(usage).toEqual({ inputTokens: 6, outputTokens: 7, estimated: ['inputTokens', 'outputTokens'] });
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
    expect(usage.outputTokens).toBe(usage.reasoningTokens! + 1);
    expect(usage.estimated).toContain('reasoningTokens');
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

describe('the input sample a request keeps once its messages are let go', () => {
  const requestOf = (texts: string[]): CanonicalRequest => ({
    model: 'm',
    stream: true,
    includeUsage: false,
    messages: texts.map((text) => ({ role: 'user' as const, content: [{ type: 'text' as const, text }] })),
  });

  it('holds the windows of the joined text a count samples, for any split of it into parts', () => {
    // size 'max': about half the texts are long enough to be sampled, the rest are kept whole
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 9000, size: 'max' }), {
          minLength: 1,
          maxLength: 12,
        }),
        (texts) => {
          const joined = texts.join('\n');
          const sample = sampleInput(requestOf(texts));
          expect(sample.length).toBe(joined.length);
          expect(sample.messages).toBe(texts.length);
          if (joined.length <= 8 * 4096) expect(sample.windows).toEqual([joined]);
          else
            expect(sample.windows).toEqual(
              Array.from({ length: 8 }, (_, index) => {
                const start = Math.floor((index * joined.length) / 8);
                return joined.slice(start, start + 4096);
              }),
            );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('starts a window on the newline between two parts when it falls there', () => {
    // 40,000 characters: the second of eight windows starts at 5,000, the newline
    const texts = ['a'.repeat(5000), 'b'.repeat(34_999)];
    const { windows } = sampleInput(requestOf(texts));
    expect(windows[1]).toBe(`\n${'b'.repeat(4095)}`);
    expect(windows[0]).toBe('a'.repeat(4096));
  });

  it('gives the estimate the whole request gives', async () => {
    const texts = Array.from(
      { length: 40 },
      (_, index) => `Turn ${index}: ${'the file reads — ok. '.repeat(90)}`,
    );
    const request = requestOf(texts);
    const light = { ...request, messages: [], inputSample: sampleInput(request) };
    const output = { text: 'done', reasoning: '' };
    expect(await estimateUsage(light, output)).toEqual(await estimateUsage(request, output));
  });
});
