import { describe, expect, it } from 'vitest';
import { resolveProviders } from '../routing/resolve-providers.js';
import type { ProviderConfigEntry } from '../routing/resolve-providers.js';
import type { NamedKey } from '../secrets/named-keys.js';
import { KeyPool } from './key-pool.js';

const stored: NamedKey[] = ['default', 'free', 'paid'].map((name) => ({
  name,
  key: `sk-${name}-key-000000`,
  source: 'memory',
}));

function poolFor(
  keys: ProviderConfigEntry['keys'],
  options: { random?: () => number; list?: NamedKey[] } = {},
) {
  let now = 1_000_000;
  const [provider] = resolveProviders([{ id: 'openai', ...(keys ? { keys } : {}) }]);
  const pool = new KeyPool(
    async () => options.list ?? stored,
    { failures: 3, cooldownMs: 30_000 },
    options.random,
    () => now,
  );
  const next = async () => (await pool.choose(provider!)).key?.name;
  return { pool, provider: provider!, next, advance: (ms: number) => (now += ms) };
}

describe('KeyPool', () => {
  it('fill_first uses the first key in `order` until it is held, then the next', async () => {
    const { pool, next, advance } = poolFor({ strategy: 'fill_first', order: ['free', 'paid'] });
    expect([await next(), await next()]).toEqual(['free', 'free']);
    pool.recordFailure('openai', 'free', 'UPSTREAM_RATE_LIMITED', 20_000);
    expect(await next()).toBe('paid');
    pool.recordFailure('openai', 'paid', 'UPSTREAM_QUOTA_EXCEEDED');
    // keys outside `order` come last
    expect(await next()).toBe('default');
    advance(20_001);
    expect(await next()).toBe('free');
  });

  it('without settings fills the default key first, then the others by name', async () => {
    const { pool, next } = poolFor(undefined);
    expect(await next()).toBe('default');
    pool.recordFailure('openai', 'default', 'UPSTREAM_RATE_LIMITED', 5000);
    expect(await next()).toBe('free');
  });

  it('round_robin takes turns and passes over a held key; peeking does not take a turn', async () => {
    const { pool, provider, next } = poolFor({ strategy: 'round_robin' });
    expect((await pool.choose(provider, { peek: true })).key?.name).toBe('default');
    expect([await next(), await next(), await next(), await next()]).toEqual([
      'default',
      'free',
      'paid',
      'default',
    ]);
    pool.recordFailure('openai', 'free', 'UPSTREAM_RATE_LIMITED', 60_000);
    expect([await next(), await next()]).toEqual(['paid', 'default']);
    const choice = await pool.choose(provider, { skip: ['paid', 'default'] });
    expect(choice.key).toBeUndefined();
    expect(choice.skipped.map((skipped) => skipped.name)).toEqual(['default', 'free', 'paid']);
    expect(choice.skipped[1]!.reason).toContain('Retry-After');
  });

  it('weighted draws by weight; a key of weight 0 is used only when the others are held', async () => {
    const draws = [0.1, 0.5, 0.9];
    const { pool, next } = poolFor(
      { strategy: 'weighted', weights: { default: 0, free: 1, paid: 3 } },
      { random: () => draws.shift() ?? 0 },
    );
    // free covers the first quarter of the draw, paid the rest
    expect([await next(), await next(), await next()]).toEqual(['free', 'paid', 'paid']);
    pool.recordFailure('openai', 'free', 'UPSTREAM_RATE_LIMITED', 1000);
    pool.recordFailure('openai', 'paid', 'UPSTREAM_RATE_LIMITED', 1000);
    expect(await next()).toBe('default');
  });

  it('holds a key only for its own limits, and never holds the only key', async () => {
    const { pool, next } = poolFor(undefined, { list: stored.slice(0, 1) });
    pool.recordFailure('openai', 'default', 'UPSTREAM_SERVER_ERROR', 1000);
    pool.recordFailure('openai', 'default', 'UPSTREAM_RATE_LIMITED', 1000);
    // one key: the target's own breaker and Retry-After decide, as before named keys
    expect(await next()).toBe('default');
    expect(pool.held('openai', 'default')).toContain('Retry-After');
  });

  it("opens a key's circuit after repeated limits, and closes it on an answer", async () => {
    const { pool, next, advance } = poolFor(undefined);
    for (let i = 0; i < 3; i++) {
      pool.recordFailure('openai', 'default', 'UPSTREAM_RATE_LIMITED', 10);
      advance(11);
    }
    expect(pool.held('openai', 'default')).toContain('circuit open');
    expect(await next()).toBe('free');
    advance(30_000);
    expect(await next()).toBe('default');
    pool.recordSuccess('openai', 'default');
    pool.recordFailure('openai', 'default', 'UPSTREAM_RATE_LIMITED', 10);
    advance(11);
    expect(pool.held('openai', 'default')).toBeUndefined();
  });
});
