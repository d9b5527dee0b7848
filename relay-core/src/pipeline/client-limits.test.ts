import { describe, expect, it } from 'vitest';
import { ClientLimiter } from './client-limits.js';

describe('ClientLimiter', () => {
  it('enforces a model allowlist with wildcards', () => {
    const limiter = new ClientLimiter(() => 0);
    limiter.configure([{ name: 'ci', models: ['openai/*', 'deepseek/deepseek-chat'] }]);
    expect(() => limiter.check('ci', 'openai/gpt-4o-mini')).not.toThrow();
    expect(() => limiter.check('ci', 'deepseek/deepseek-chat')).not.toThrow();
    expect(() => limiter.check('ci', 'anthropic/claude-sonnet-4-5')).toThrow(
      /may not use 'anthropic\/claude-sonnet-4-5'/,
    );
    expect(() => limiter.check('someone-else', 'anthropic/claude-sonnet-4-5')).not.toThrow();
  });

  it('counts requests in a sliding minute, with the wait until one frees up', () => {
    let now = 1_000_000;
    const limiter = new ClientLimiter(
      () => 0,
      () => now,
    );
    limiter.configure([{ name: 'app', requests_per_minute: 2 }]);
    limiter.check('app', 'm');
    now += 10_000;
    limiter.check('app', 'm');
    try {
      limiter.check('app', 'm');
      throw new Error('expected the limit');
    } catch (error) {
      expect(error).toMatchObject({ code: 'CLIENT_LIMIT_EXCEEDED', status: 429, retryAfterMs: 50_000 });
    }
    now += 50_001;
    expect(() => limiter.check('app', 'm')).not.toThrow();
  });

  it('stops a client at its daily or monthly budget, counted from the start of the UTC day and month', () => {
    const since: number[] = [];
    const limiter = new ClientLimiter(
      (_client, from) => {
        since.push(from);
        return from === Date.UTC(2026, 10, 24) ? 1.5 : 10;
      },
      () => Date.UTC(2026, 10, 24, 15),
    );
    limiter.configure([{ name: 'team', spend_per_day_usd: 2, spend_per_month_usd: 5 }]);
    expect(() => limiter.check('team', 'm')).toThrow(/has spent \$10\.0000 this month \(budget \$5\)/);
    expect(since).toEqual([Date.UTC(2026, 10, 24), Date.UTC(2026, 10, 1)]);
  });

  it('counts a recorded cost at once, not after the history is written', () => {
    const now = Date.UTC(2026, 10, 24, 15);
    const limiter = new ClientLimiter(
      () => 0.5,
      () => now,
    );
    limiter.configure([{ name: 'team', spend_per_day_usd: 1 }]);
    limiter.check('team', 'm');
    limiter.settle('team', 'r1', now, 0.6);
    expect(limiter.spent('team', Date.UTC(2026, 10, 24))).toBeCloseTo(1.1, 10);
    expect(() => limiter.check('team', 'm')).toThrow(/has spent \$1\.1000 this day/);
    // another client's spend is its own
    expect(limiter.spent('other', Date.UTC(2026, 10, 24))).toBe(0.5);
  });

  it('refuses the request whose estimated cost would pass the budget, counting those in flight', () => {
    const now = Date.UTC(2026, 10, 24, 15);
    const limiter = new ClientLimiter(
      () => 0,
      () => now,
    );
    limiter.configure([{ name: 'team', spend_per_day_usd: 0.001 }]);
    limiter.reserve('team', 'a', 0.0004);
    limiter.reserve('team', 'b', 0.0004);
    expect(() => limiter.reserve('team', 'c', 0.0004)).toThrow(
      /estimated \$0\.000400 would pass its budget of \$0\.001/,
    );
    // a settled request gives back what it held, and counts what it cost
    limiter.settle('team', 'a', now, 0.0001);
    expect(() => limiter.reserve('team', 'c', 0.0004)).not.toThrow();
    expect(() => limiter.reserve('team', 'd', 0.0004)).toThrow(/held by requests in flight/);
    // a client without a spend budget holds nothing
    limiter.configure([{ name: 'team', requests_per_minute: 100 }]);
    expect(() => limiter.reserve('team', 'e', 5)).not.toThrow();
  });
});
