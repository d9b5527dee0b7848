import { describe, expect, it } from 'vitest';
import { classifyComplexity } from './classify-complexity.js';

const features = (lastUserText: string, extra: Partial<Parameters<typeof classifyComplexity>[0]> = {}) => ({
  inputTokens: Math.ceil(lastUserText.length / 4),
  tools: false,
  images: false,
  jsonSchema: false,
  reasoning: false,
  lastUserText,
  ...extra,
});

describe('the auto route’s classifier', () => {
  it('calls short plain questions simple', () => {
    for (const text of [
      'Say hello.',
      'What is the capital of France?',
      'Translate "good morning" to Spanish.',
    ])
      expect(classifyComplexity(features(text))).toEqual({ complexity: 'simple', reasons: [] });
  });

  it('calls long, tool-using, code-carrying, reasoning-heavy requests complex, and says why', () => {
    expect(classifyComplexity(features('x'.repeat(9000))).reasons).toEqual([
      'about 2250 input tokens (over 2000)',
    ]);
    expect(classifyComplexity(features('Weather?', { tools: true })).reasons).toEqual(['uses tools']);
    expect(classifyComplexity(features('Why?', { reasoning: true })).reasons).toEqual([
      'asks for reasoning effort',
    ]);
    expect(classifyComplexity(features('What does this do?\nconst x = items.map(f);')).reasons).toEqual([
      'contains code',
    ]);
    expect(classifyComplexity(features('Prove that there are infinitely many primes.')).reasons).toEqual([
      "reasoning cue 'Prove'",
    ]);
  });

  it('takes its size threshold from the config', () => {
    expect(classifyComplexity(features('a'.repeat(400)), 50).complexity).toBe('complex');
  });
});
