import { describe, expect, it } from 'vitest';
import { pairKey } from './pair-key.js';

describe('a target or key name joined for the health maps', () => {
  it('reads as its parts joined, whichever separator, however many names came before', () => {
    expect(pairKey('openai', '/', 'gpt-4o')).toBe('openai/gpt-4o');
    expect(pairKey('openai', ':', 'gpt-4o')).toBe('openai:gpt-4o');
    // past the bound the memo starts again: the keys stay right
    for (let index = 0; index < 5000; index++)
      expect(pairKey('custom', '/', `model-${index}`)).toBe(`custom/model-${index}`);
    expect(pairKey('openai', '/', 'gpt-4o')).toBe('openai/gpt-4o');
    expect(pairKey('a/b', '/', 'c')).toBe('a/b/c');
  });
});
