import { describe, expect, it } from 'vitest';
import { LatencyStats } from './latency-stats.js';

function simulate(stats: LatencyStats, latency: Record<string, number>, requests: number): string[] {
  const chosen: string[] = [];
  for (let i = 0; i < requests; i++) {
    const [first] = stats.orderFastest(['a', 'b'], (key) => key, 100);
    chosen.push(first!);
    stats.record(first!, { ttftMs: latency[first!]! });
  }
  return chosen;
}

describe('latency prediction for the fastest strategy', () => {
  it('tries every unmeasured target, then sends traffic to the faster one', () => {
    const stats = new LatencyStats({ halfLifeMs: 60_000, exploreEvery: 16 }, () => 0);
    const chosen = simulate(stats, { a: 200, b: 20 }, 40);
    expect(chosen.slice(0, 2).sort()).toEqual(['a', 'b']);
    // only the periodic probe goes to the slow one
    expect(chosen.slice(2).filter((key) => key === 'a').length).toBeLessThanOrEqual(3);
  });

  it('moves traffic within 50 requests after the latencies swap, through its probes', () => {
    let clock = 0;
    const stats = new LatencyStats({ halfLifeMs: 60_000, exploreEvery: 16 }, () => clock);
    simulate(stats, { a: 200, b: 20 }, 40);
    clock += 1000;
    const after = simulate(stats, { a: 20, b: 200 }, 50);
    expect(after.slice(-10).filter((key) => key === 'a').length).toBeGreaterThanOrEqual(9);
  });

  it('lets a fresh sample outweigh an estimate from long ago', () => {
    let clock = 0;
    const stats = new LatencyStats({ halfLifeMs: 1000, exploreEvery: 16 }, () => clock);
    for (let i = 0; i < 20; i++) stats.record('a', { ttftMs: 500 });
    clock += 10_000;
    stats.record('a', { ttftMs: 50 });
    expect(stats.predict('a', 1)).toBeLessThan(60);
  });

  it('predicts whole answers from time to first token and throughput', () => {
    const stats = new LatencyStats(undefined, () => 0);
    stats.record('a', { ttftMs: 100, outputTokens: 101, generationMs: 1000 });
    expect(stats.predict('a', 201)).toBeCloseTo(100 + 2000);
  });

  it("reports a target's p90 time to first token once it has enough samples", () => {
    const stats = new LatencyStats(undefined, () => 0);
    for (let ms = 10; ms <= 40; ms += 10) stats.record('a', { ttftMs: ms });
    expect(stats.percentile('a', 90)).toBeUndefined();
    for (let ms = 50; ms <= 100; ms += 10) stats.record('a', { ttftMs: ms });
    expect(stats.percentile('a', 90)).toBe(90);
  });

  it('tells of its own samples only, and counts merged ones like its own', () => {
    const here = new LatencyStats();
    const there = new LatencyStats();
    const told: string[] = [];
    here.onSample((key, sample) => {
      told.push(key);
      there.merge(key, sample);
    });
    there.onSample((key) => told.push(`echo ${key}`));
    here.record('a', { ttftMs: 300, outputTokens: 11, generationMs: 100 });
    expect(told).toEqual(['a']);
    expect(there.predict('a', 11)).toBe(here.predict('a', 11));
    expect(there.orderFastest(['b', 'a'], (key) => key, 1)).toEqual(['b', 'a']);
  });
});
