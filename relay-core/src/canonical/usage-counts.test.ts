import { describe, expect, it } from 'vitest';
import { completeUsage, countState, knownCounts, promptUsage } from './usage-counts.js';

describe('usage counts', () => {
  it('keeps only the counts a provider gave as numbers', () => {
    expect(knownCounts({ cacheReadTokens: 0, cacheWriteTokens: null, reasoningTokens: undefined })).toEqual({
      cacheReadTokens: 0,
    });
    expect(knownCounts({ cacheReadTokens: -1, reasoningTokens: Number.NaN })).toEqual({});
  });

  it('tells a reported count from an estimated and an absent one', () => {
    const usage = {
      inputTokens: 10,
      outputTokens: 4,
      cacheReadTokens: 0,
      estimated: ['outputTokens' as const],
    };
    expect(countState(usage, 'cacheReadTokens')).toBe('reported');
    expect(countState(usage, 'outputTokens')).toBe('estimated');
    expect(countState(usage, 'reasoningTokens')).toBe('absent');
  });

  it("completes a cut stream's start with the relay's count of what was generated", () => {
    const start = {
      inputTokens: 3926,
      outputTokens: 1,
      cacheReadTokens: 0,
      cacheWriteTokens: 3913,
      cacheWrite1hTokens: 3913,
    };
    const estimate = {
      inputTokens: 9,
      outputTokens: 30,
      reasoningTokens: 20,
      estimated: ['inputTokens' as const, 'outputTokens' as const, 'reasoningTokens' as const],
    };
    expect(completeUsage(start, estimate)).toEqual({
      inputTokens: 3926,
      outputTokens: 30,
      cacheReadTokens: 0,
      cacheWriteTokens: 3913,
      cacheWrite1hTokens: 3913,
      reasoningTokens: 20,
      estimated: ['outputTokens', 'reasoningTokens'],
    });
    expect(completeUsage(undefined, estimate)).toBe(estimate);
    // an answer's start reports its prompt, and nothing generated yet
    expect(promptUsage({ ...start, reasoningTokens: 5, outputAudioTokens: 2 })).toEqual({
      ...start,
      outputTokens: 0,
    });
  });
});
