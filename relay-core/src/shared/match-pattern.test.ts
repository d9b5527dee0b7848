import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { findPattern, onSlowPattern } from './match-pattern.js';

describe('findPattern', () => {
  it('finds the first pattern that matches, case-insensitively', () => {
    // a budget no pause of this shared machine reaches: what is tested here is the matching
    const roomy = { budgetMs: 10_000 };
    expect(findPattern(['as an ai', "^I(?: a|')m sorry"], "I'M SORRY, I can't.", roomy)).toEqual({
      matched: "^I(?: a|')m sorry",
      skipped: [],
    });
    expect(findPattern(['as an ai'], 'Here it is.', roomy)).toEqual({ skipped: [] });
  });

  it('stops a pattern that runs out of the budget, reports it, skips it from then on, and tries the rest', () => {
    const reported: string[] = [];
    const stop = onSlowPattern((pattern) => reported.push(pattern));
    const text = `${'a'.repeat(32)}!`;
    // the process had the CPU to itself (a busy shared machine might not give it)
    let cpu = 0;
    const cpuMs = () => (cpu += 200);
    try {
      const started = performance.now();
      expect(findPattern(['(a+)+$', 'a!'], text, { cpuMs, budgetMs: 200 })).toEqual({
        matched: 'a!',
        skipped: ['(a+)+$'],
      });
      // stopped at the budget, not after the minutes the pattern would take
      expect(performance.now() - started).toBeLessThan(1000);
      expect(reported).toEqual(['(a+)+$']);
      // not run again: it would run out of the budget again, and be reported again
      const again = findPattern(['(a+)+$', 'nothing'], text);
      expect(again.matched).toBeUndefined();
      expect(again.skipped).toContain('(a+)+$');
      expect(reported).toEqual(['(a+)+$']);
    } finally {
      stop();
    }
  });

  it('passes a pattern over for one text, not for good, when the process did not have the CPU', () => {
    const reported: string[] = [];
    const stop = onSlowPattern((pattern) => reported.push(pattern));
    const text = `${'b'.repeat(32)}!`;
    try {
      // a machine too busy to give the relay the CPU: the budget ran out, the process's CPU time did not move
      expect(findPattern(['(b+)+$', 'b!'], text, { cpuMs: () => 0, budgetMs: 200 })).toEqual({
        matched: 'b!',
        skipped: ['(b+)+$'],
      });
      expect(reported).toEqual([]);
      // with the CPU its own, the pattern shows what it is
      let cpu = 0;
      expect(findPattern(['(b+)+$'], text, { cpuMs: () => (cpu += 20) })).toEqual({ skipped: ['(b+)+$'] });
      expect(reported).toEqual(['(b+)+$']);
    } finally {
      stop();
    }
  });
});
