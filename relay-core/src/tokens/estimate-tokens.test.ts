import { describe, expect, it } from 'vitest';
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

  it('counts reasoning as part of the output', async () => {
    const usage = await estimateUsage(
      { model: 'm', stream: true, includeUsage: false, messages: [] },
      { text: 'ok', reasoning: 'Let me think about it.' },
    );
    expect(usage.reasoningTokens).toBeGreaterThan(3);
    expect(usage.outputTokens).toBe(usage.reasoningTokens + 1);
  });
});
