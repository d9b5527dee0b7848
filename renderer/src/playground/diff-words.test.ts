import { describe, expect, it } from 'vitest';
import { diffWords } from './diff-words.js';

describe('diffWords', () => {
  it('marks the words only one answer has and keeps the shared ones', () => {
    expect(diffWords('the quick brown fox', 'the slow brown fox')).toEqual([
      { kind: 'same', text: 'the ' },
      { kind: 'removed', text: 'quick' },
      { kind: 'added', text: 'slow' },
      { kind: 'same', text: ' brown fox' },
    ]);
  });

  it('rebuilds both answers from the parts', () => {
    const parts = diffWords('a b c d', 'b c e');
    expect(
      parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe('a b c d');
    expect(
      parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe('b c e');
  });
});
