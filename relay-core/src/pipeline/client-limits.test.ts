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
});
