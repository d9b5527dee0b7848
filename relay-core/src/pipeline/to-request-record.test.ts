import { describe, expect, it } from 'vitest';
import { newRequestLog } from './relay-runtime.js';
import type { AttemptLog } from './relay-runtime.js';
import { toRequestRecord } from './to-request-record.js';

function attempt(costUsd: number | null, extra: Partial<AttemptLog> = {}): AttemptLog {
  return {
    provider: 'p',
    model: 'm',
    startedAt: 0,
    status: 'error',
    latencyMs: 1,
    costUsd,
    unpriced: false,
    ...extra,
  };
}

describe("a request's recorded cost", () => {
  it('is everything paid for on its behalf: the answer, other attempts, evaluator calls and embedding', () => {
    const attempts: AttemptLog[] = [];
    const log = newRequestLog({ id: 'r', createdAt: 0 }, 'openai-chat', {}, attempts);
    const lost = attempt(0.002, { status: 'cancelled' });
    const gated = attempt(0.003, { gates: [{ gate: 'evaluator', passed: false, costUsd: 0.0001 }] });
    const rateLimited = attempt(null);
    const answer = attempt(0.01, {
      status: 'ok',
      gates: [{ gate: 'evaluator', passed: true, costUsd: 0.0001 }],
    });
    attempts.push(lost, gated, rateLimited, answer);
    Object.assign(log, { status: 'ok', costUsd: 0.01, answeredBy: answer, sideCostUsd: 0.00001 });
    expect(toRequestRecord(log).costUsd).toBeCloseTo(0.01 + 0.002 + 0.003 + 0.0002 + 0.00001, 12);
  });

  it('stays unknown, never $0, when the answer has no price', () => {
    const answer = attempt(null, { status: 'ok', unpriced: true });
    const log = newRequestLog({ id: 'r', createdAt: 0 }, 'openai-chat', {}, [attempt(0.002), answer]);
    Object.assign(log, { status: 'ok', costUsd: null, unpriced: true, answeredBy: answer });
    expect(toRequestRecord(log).costUsd).toBeNull();
  });
});
