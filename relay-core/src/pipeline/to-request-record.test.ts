import { describe, expect, it } from 'vitest';
import { usageCounts } from '../canonical/types.js';
import type { Usage } from '../canonical/types.js';
import { newRequestLog } from './relay-runtime.js';
import type { AttemptLog } from './relay-runtime.js';
import { toRequestRecord } from './to-request-record.js';
import { createRedactor } from '../secrets/redact.js';

const same = (text: string) => text;

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
    expect(toRequestRecord(log, same).costUsd).toBeCloseTo(0.01 + 0.002 + 0.003 + 0.0002 + 0.00001, 12);
  });

  it('stays unknown, never $0, when the answer has no price', () => {
    const answer = attempt(null, { status: 'ok', unpriced: true });
    const log = newRequestLog({ id: 'r', createdAt: 0 }, 'openai-chat', {}, [attempt(0.002), answer]);
    Object.assign(log, { status: 'ok', costUsd: null, unpriced: true, answeredBy: answer });
    expect(toRequestRecord(log, same).costUsd).toBeNull();
  });
});

describe("a request's recorded error messages", () => {
  it("keeps each attempt's upstream message and the request's, redacted of keys, on failures only", () => {
    const redactor = createRedactor();
    const key = 'zq8Xk2Vb9Kp4Tz8Lw3Nc6Rf1Yd5';
    redactor.add(key);
    const failed = attempt(null, {
      httpStatus: 400,
      errorCode: 'UPSTREAM_BAD_REQUEST',
      errorMessage: `openai: Incorrect API key provided: ${key}`,
    });
    const log = newRequestLog({ id: 'r', createdAt: 0 }, 'openai-chat', {}, [failed]);
    Object.assign(log, { status: 'error', errorMessage: `openai: Incorrect API key provided: ${key}` });
    const record = toRequestRecord(log, (text) => redactor.redact(text));
    expect(record.attempts[0]!.errorMessage).toBe('openai: Incorrect API key provided: [redacted]');
    expect(record.errorMessage).toBe('openai: Incorrect API key provided: [redacted]');
    const long = toRequestRecord(
      Object.assign(newRequestLog({ id: 'r', createdAt: 0 }, 'openai-chat', {}, []), {
        status: 'error' as const,
        errorMessage: '<html>'.repeat(1000),
      }),
      same,
    );
    expect(long.errorMessage!.length).toBeLessThanOrEqual(2001);
    const ok = Object.assign(newRequestLog({ id: 'r', createdAt: 0 }, 'openai-chat', {}, []), {
      status: 'ok' as const,
      errorMessage: 'a retried failure',
    });
    expect(toRequestRecord(ok, same).errorMessage).toBeUndefined();
  });
});

describe("a request's recorded token counts", () => {
  it('carries every count the answer reported, on the request and its attempt, and no other', () => {
    const every = Object.fromEntries(
      usageCounts.map((name, index) => [name, 100 + index]),
    ) as unknown as Usage;
    const answer = attempt(0.01, { status: 'ok', usage: every });
    const log = newRequestLog({ id: 'r', createdAt: 0 }, 'openai-chat', {}, [answer]);
    Object.assign(log, { status: 'ok', usage: every, answeredBy: answer });
    const record = toRequestRecord(log, same);
    for (const counted of [record, record.attempts[0]!])
      for (const name of usageCounts) expect(counted[name], name).toBe(every[name]);
    const totals = { inputTokens: 3, outputTokens: 4 };
    const plain = toRequestRecord(
      Object.assign(newRequestLog({ id: 'r', createdAt: 0 }, 'openai-chat', {}, []), { usage: totals }),
      same,
    );
    expect(usageCounts.filter((name) => name in plain)).toEqual(['inputTokens', 'outputTokens']);
  });
});
