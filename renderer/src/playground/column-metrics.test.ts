import { describe, expect, it } from 'vitest';
import type { RequestDetail } from '../api/admin-types.js';
import { columnMetrics } from './column-metrics.js';

const price = { input: 1e-6, output: 4e-6 };
const prompt = 'x'.repeat(400);

describe("a playground column's metrics", () => {
  it('update while streaming: elapsed time, estimated tokens, tokens per second and cost', () => {
    const running = { status: 'running' as const, text: 'y'.repeat(800), startedAt: 1_000, ttftMs: 200 };
    const metrics = columnMetrics(running, undefined, price, prompt, 2_200);
    expect(metrics.elapsedMs).toBe(1_200);
    expect(metrics.inputTokens).toEqual({ value: 100, source: 'estimated' });
    expect(metrics.outputTokens).toEqual({ value: 200, source: 'estimated' });
    expect(metrics.tokensPerSecond).toBe(200);
    expect(metrics.cost).toEqual({ value: 100 * 1e-6 + 200 * 4e-6, source: 'estimated' });
  });

  it('leave the rate out when the stream was too short to measure (a replay)', () => {
    const done = {
      status: 'done' as const,
      text: 'y'.repeat(1400),
      ttftMs: 40,
      totalMs: 41,
      outputTokens: 350,
    };
    expect(columnMetrics(done, undefined, price, prompt, 0).tokensPerSecond).toBeUndefined();
  });

  it("take tokens and cost from the relay's record together, so a stopped column never mixes them", () => {
    const stopped = { status: 'stopped' as const, text: 'partial', ttftMs: 100, totalMs: 900 };
    const detail = {
      inputTokens: 12,
      outputTokens: 30,
      usageEstimated: true,
      costUsd: 0.00002,
      unpriced: false,
    } as RequestDetail;
    const metrics = columnMetrics(stopped, detail, price, prompt, 0);
    expect(metrics.inputTokens).toEqual({ value: 12, source: 'relay estimate' });
    expect(metrics.outputTokens).toEqual({ value: 30, source: 'relay estimate' });
    expect(metrics.cost).toEqual({ value: 0.00002, source: 'recorded' });
    // before the record arrives, the text so far is counted here, and marked so
    expect(columnMetrics(stopped, undefined, price, prompt, 0).outputTokens?.source).toBe('estimated');
    expect(columnMetrics(stopped, undefined, 'unpriced', prompt, 0).cost).toBe('unpriced');
  });

  it('use the usage the provider reported at the end of the stream', () => {
    const done = {
      status: 'done' as const,
      text: 'abc',
      inputTokens: 9,
      outputTokens: 3,
      totalMs: 500,
      ttftMs: 100,
    };
    expect(columnMetrics(done, undefined, price, prompt, 0).outputTokens).toEqual({
      value: 3,
      source: 'reported',
    });
  });
});
