import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { findPattern, onSlowPattern } from './match-pattern.js';

describe('findPattern', () => {
  it('finds the first pattern that matches, case-insensitively', () => {
    expect(findPattern(['as an ai', "^I(?: a|')m sorry"], "I'M SORRY, I can't.")).toEqual({
      matched: "^I(?: a|')m sorry",
      skipped: [],
    });
    expect(findPattern(['as an ai'], 'Here it is.')).toEqual({ skipped: [] });
  });

  it('stops a pattern that runs out of the budget, reports it, skips it from then on, and tries the rest', () => {
    const reported: string[] = [];
    const stop = onSlowPattern((pattern) => reported.push(pattern));
    const text = `${'a'.repeat(32)}!`;
    try {
      const started = performance.now();
      expect(findPattern(['(a+)+$', 'a!'], text, 20)).toEqual({ matched: 'a!', skipped: ['(a+)+$'] });
      // stopped at the budget, not after the minutes the pattern would take
      expect(performance.now() - started).toBeLessThan(1000);
      expect(reported).toEqual(['(a+)+$']);
      // not run again: it would run out of the budget again, and be reported again
      expect(findPattern(['(a+)+$', 'nothing'], text, 20)).toEqual({ skipped: ['(a+)+$'] });
      expect(reported).toEqual(['(a+)+$']);
    } finally {
      stop();
    }
  });
});
