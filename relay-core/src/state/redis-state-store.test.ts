import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { closedPort } from '../../../test/helpers/free-port.js';
import { startRedis, storesRequired, storesSkipReason } from '../../../test/helpers/team-stores.js';
import type { StoreServer } from '../../../test/helpers/team-stores.js';
import type { CanonicalRequest, CanonicalResponse } from '../canonical/types.js';
import { AnswerCache } from '../cache/answer-cache.js';
import { cacheSchema } from '../config/cache-gates-schema.js';
import { budgetPeriods, ClientLimiter } from '../pipeline/client-limits.js';
import { KeyPool } from '../pipeline/key-pool.js';
import { shareRuntimeState } from '../pipeline/share-runtime-state.js';
import { LatencyStats } from '../routing/latency-stats.js';
import { ProviderHealth } from '../routing/provider-health.js';
import { openDatabase } from '../store/open-database.js';
import { createRedisState } from './redis-state-store.js';
import type { StateStore } from './state-store.js';

const breaker = { failures: 2, cooldownMs: 30_000 };
const nothingSpent = () => 0;

// a toy embedding: one dimension per known word
const vocabulary = ['capital', 'france', 'spain', 'please', 'weather'];
const embed = async (_model: string, text: string) => ({
  vector: Float32Array.from(vocabulary.map((word) => (text.toLowerCase().includes(word) ? 1 : 0))),
  costUsd: 0,
});

/** What one relay keeps, over a state store on the shared Redis. */
function relayParts(state: StateStore, cache: unknown = { exact: { ttl_seconds: 60 } }) {
  const limiter = new ClientLimiter(nothingSpent, Date.now, state);
  limiter.configure([{ name: 'team', spend_per_day_usd: 1, requests_per_minute: 3 }]);
  const parts = {
    state,
    limiter,
    health: new ProviderHealth(breaker),
    keys: new KeyPool(async () => [], breaker),
    latency: new LatencyStats(),
    cache: new AnswerCache(openDatabase(':memory:'), {
      embed,
      now: Date.now,
      state,
      preferVectorExtension: false,
    }),
  };
  parts.cache.configure(cacheSchema.parse(cache));
  shareRuntimeState(parts, state);
  return parts;
}

const ask = (text: string): CanonicalRequest => ({
  model: 'faq',
  stream: false,
  includeUsage: false,
  temperature: 0,
  messages: [{ role: 'user', content: [{ type: 'text', text }] }],
});
const reply = (text: string): CanonicalResponse => ({
  id: 'r',
  model: 'm',
  created: 0,
  content: [{ type: 'text', text }],
  finishReason: 'stop',
});

const waitShared = (state: StateStore, shared = true) =>
  vi.waitFor(() => expect(state.status().shared).toBe(shared), { timeout: 10_000, interval: 10 });

describe('state on a Redis that does not answer', () => {
  it('decides locally at once, and shows the server without its password', async () => {
    const state = createRedisState(`redis://switchboard:hunter2-secret@127.0.0.1:${await closedPort()}/2`);
    try {
      const parts = relayParts(state);
      await vi.waitFor(() => expect(state.status().problem).toMatch(/ECONNREFUSED/));
      expect(state.status()).toMatchObject({
        kind: 'redis',
        shared: false,
        server: expect.stringMatching(/^redis:\/\/127\.0\.0\.1:\d+\/2$/),
      });
      expect(JSON.stringify(state.status())).not.toContain('hunter2');
      await parts.limiter.admit('team', 'gpt');
      await parts.limiter.hold('team', 'one', 0.6);
      await expect(parts.limiter.hold('team', 'two', 0.6)).rejects.toThrow(/held by requests in flight/);
    } finally {
      await state.close();
    }
  });
});

describe.skipIf(!storesRequired)(`state shared through Redis (${storesSkipReason})`, () => {
  let redis: StoreServer;
  let direct: Redis;
  const stores: StateStore[] = [];
  const open = async (cache?: unknown) => {
    const state = createRedisState(redis.url, { commandTimeoutMs: 200 });
    stores.push(state);
    await waitShared(state);
    return relayParts(state, cache);
  };

  beforeAll(async () => {
    redis = await startRedis();
    direct = new Redis(redis.url);
  });
  beforeEach(async () => {
    await direct.flushall();
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((state) => state.close()));
  });
  afterAll(async () => {
    direct?.disconnect();
    await redis?.stop();
  });

  it('holds one budget across relays: what one has in flight or spent is refused through the other', async () => {
    const [a, b] = [await open(), await open()];
    await a.limiter.hold('team', 'first', 0.6);
    // apart, each relay would see only its own $0.60 and let this one through
    await expect(b.limiter.hold('team', 'second', 0.6)).rejects.toThrow(/held by requests in flight/);
    a.limiter.settle('team', 'first', Date.now(), 0.95);
    await vi.waitFor(() =>
      expect(b.limiter.hold('team', 'third', 0.1)).rejects.toThrow(/would pass its budget/),
    );
    await b.limiter.hold('team', 'fourth', 0.02);
    // what the admin API shows of a client's spend is what every relay spent
    expect(b.limiter.spent('team', budgetPeriods(Date.now()).day)).toBeCloseTo(0.95);
  });

  it('raises the shared spend to what a relay knows from its own history', async () => {
    const [a, b] = [await open(), await open()];
    const knowing = new ClientLimiter(() => 0.9, Date.now, a.state);
    knowing.configure([{ name: 'team', spend_per_day_usd: 1 }]);
    await b.limiter.hold('team', 'b-1', 0.05);
    // this relay's history holds $0.90 of today's spend that the other relay never saw
    await expect(knowing.hold('team', 'a-1', 0.2)).rejects.toThrow(/has spent \$0\.900000 this day/);
    await expect(b.limiter.hold('team', 'b-2', 0.2)).rejects.toThrow(/has spent \$0\.900000 this day/);
  });

  it('counts requests per minute across relays', async () => {
    const [a, b] = [await open(), await open()];
    await a.limiter.admit('team', 'gpt');
    await b.limiter.admit('team', 'gpt');
    await a.limiter.admit('team', 'gpt');
    await expect(b.limiter.admit('team', 'gpt')).rejects.toThrow(/3 requests per minute/);
  });

  it('honours a breaker opened or a Retry-After begun on another relay within 100 ms', async () => {
    const [a, b] = [await open(), await open()];
    a.health.recordFailure('openai/gpt-4o', 'UPSTREAM_SERVER_ERROR');
    a.health.recordFailure('openai/gpt-4o', 'UPSTREAM_SERVER_ERROR');
    const opened = performance.now();
    await vi.waitFor(() => expect(b.health.unavailable('openai/gpt-4o')).toMatch(/circuit open/), {
      interval: 2,
    });
    expect(performance.now() - opened).toBeLessThan(100);

    a.keys.recordFailure('openai', 'team-key', 'UPSTREAM_RATE_LIMITED', 20_000);
    await vi.waitFor(() => expect(b.keys.held('openai', 'team-key')).toMatch(/Retry-After/), { interval: 2 });
    // a relay starting now reads the holds still running
    const late = await open();
    await vi.waitFor(() => {
      expect(late.health.unavailable('openai/gpt-4o')).toMatch(/circuit open/);
      expect(late.keys.held('openai', 'team-key')).toMatch(/Retry-After/);
    });
  });

  it("merges another relay's latency samples into its own estimates", async () => {
    const [a, b] = [await open(), await open()];
    a.latency.record('deepseek/deepseek-chat', { ttftMs: 420 });
    await vi.waitFor(() => expect(b.latency.predict('deepseek/deepseek-chat', 1)).toBe(420));
  });

  it('serves an exact-cache answer bought through one relay as a hit through another', async () => {
    const [a, b] = [await open(), await open()];
    const miss = await a.cache.lookup(ask('capital of France?'), undefined, undefined);
    expect(miss.outcome).toBe('miss');
    miss.save!(reply('Paris'), 'openai', 'gpt-4o', 0.002);
    await vi.waitFor(async () => {
      const found = await b.cache.lookup(ask('capital of France?'), undefined, undefined);
      expect(found.outcome).toBe('hit-exact');
      expect(found.hit?.answer.content).toEqual([{ type: 'text', text: 'Paris' }]);
      expect(found.hit?.costUsd).toBe(0.002);
    });
    expect((await b.cache.lookup(ask('capital of Spain?'), undefined, undefined)).outcome).toBe('miss');
  });

  it("answers a similar question from another relay's semantic entry, also on a relay that starts later", async () => {
    const cache = { semantic: { enabled: true, embedding_model: 'toy', threshold: 0.8 } };
    const [a, b] = [await open(cache), await open(cache)];
    // not deterministic (no temperature): only the semantic cache applies
    const question = (text: string): CanonicalRequest => ({ ...ask(text), temperature: undefined });
    const first = await a.cache.lookup(question('The capital of France?'), undefined, undefined);
    first.save!(reply('Paris'), 'openai', 'gpt-4o', 0.001);
    for (const relay of [b, await open(cache)]) {
      await vi.waitFor(async () => {
        const similar = await relay.cache.lookup(
          question('The capital of France, please?'),
          undefined,
          undefined,
        );
        expect(similar.outcome).toBe('hit-semantic');
        expect(similar.hit?.answer.content).toEqual([{ type: 'text', text: 'Paris' }]);
      });
    }
    expect((await b.cache.lookup(question('The capital of Spain?'), undefined, undefined)).outcome).toBe(
      'miss',
    );
  });

  it('keeps serving from local state while Redis is down, and shares again once it is back', async () => {
    const [a, b] = [await open(), await open()];
    await redis.kill();
    await waitShared(a.state, false);
    expect(a.state.status()).toMatchObject({ kind: 'redis', shared: false });
    expect(a.state.status().problem).toBeTruthy();
    const started = performance.now();
    // local limits decide: this relay's own window and budget
    await a.limiter.admit('team', 'gpt');
    await a.limiter.hold('team', 'offline', 0.5);
    await expect(a.limiter.hold('team', 'offline-2', 0.6)).rejects.toThrow(/held by requests in flight/);
    expect((await a.cache.lookup(ask('anything'), undefined, undefined)).outcome).toBe('miss');
    expect(performance.now() - started).toBeLessThan(1000);
    a.limiter.settle('team', 'offline', Date.now(), 0.5);
    a.health.recordFailure('openai/gpt-4o-mini', 'UPSTREAM_TIMEOUT');
    a.health.recordFailure('openai/gpt-4o-mini', 'UPSTREAM_TIMEOUT');

    await redis.restart();
    await waitShared(a.state);
    await waitShared(b.state);
    a.health.recordFailure('anthropic/claude', 'UPSTREAM_OVERLOADED');
    a.health.recordFailure('anthropic/claude', 'UPSTREAM_OVERLOADED');
    await vi.waitFor(() => {
      expect(b.health.unavailable('anthropic/claude')).toMatch(/circuit open/);
      // and the circuit that opened while Redis was away is told once it is back
      expect(b.health.unavailable('openai/gpt-4o-mini')).toMatch(/circuit open/);
    });
    // what was spent while Redis was away counts in the shared budget once it is back
    await vi.waitFor(() =>
      expect(b.limiter.hold('team', 'back', 0.6)).rejects.toThrow(
        /has spent \$0\.500000 this day; this request/,
      ),
    );
  });
});
