import { describe, expect, it } from 'vitest';
import { describeHistoryStores } from './history-stores.fixture.js';
import { createHistoryWriter } from './history-writer.js';
import { historyRecord } from './history-record.fixture.js';

describeHistoryStores('history queries', (open) => {
  async function seeded() {
    const { store } = await open();
    const writer = createHistoryWriter(store);
    writer.record(historyRecord('a', 1_000, { costUsd: 0.1 }));
    writer.record(
      // no client and no latency: those columns stay NULL
      historyRecord('b', 2_000, {
        provider: 'deepseek',
        status: 'error',
        httpStatus: 429,
        costUsd: null,
        client: undefined,
        latencyMs: undefined,
      }),
    );
    writer.record(historyRecord('c', 3_000, { costUsd: null, unpriced: true }));
    writer.record(historyRecord('d', 4_000, { provider: 'deepseek', costUsd: 0.2 }));
    writer.record(
      historyRecord('e', 5_000, {
        attemptCount: 2,
        attempts: [
          {
            attemptIndex: 1,
            provider: 'openai',
            upstreamModel: 'gpt-4o',
            startedAt: 5_010,
            status: 'ok',
            costUsd: 0.3,
            unpriced: false,
          },
          {
            attemptIndex: 0,
            provider: 'deepseek',
            upstreamModel: 'deepseek-chat',
            startedAt: 5_000,
            status: 'error',
            httpStatus: 503,
            errorCode: 'UPSTREAM_UNAVAILABLE',
            costUsd: null,
            unpriced: false,
          },
        ],
        costUsd: 0.3,
      }),
    );
    await writer.close();
    return store;
  }

  describe('listRequests', () => {
    it('lists newest first and pages by createdAt', async () => {
      const store = await seeded();
      const first = await store.listRequests({ limit: 2 });
      expect(first.map((row) => row.id)).toEqual(['e', 'd']);
      const next = await store.listRequests({ limit: 2, beforeCreatedAt: first.at(-1)!.createdAt });
      expect(next.map((row) => row.id)).toEqual(['c', 'b']);
      expect(await store.listRequests({ beforeCreatedAt: 1_000 })).toEqual([]);
    });

    it('filters by provider and status', async () => {
      const store = await seeded();
      expect((await store.listRequests({ provider: 'deepseek' })).map((row) => row.id)).toEqual(['d', 'b']);
      expect((await store.listRequests({ status: 'error' })).map((row) => row.id)).toEqual(['b']);
      expect((await store.listRequests({ provider: 'deepseek', status: 'ok' })).map((row) => row.id)).toEqual(
        ['d'],
      );
    });

    it('returns camelCase rows with booleans, absent NULLs and a null cost when unpriced', async () => {
      const store = await seeded();
      const [row] = await store.listRequests({ status: 'error' });
      expect(row).toEqual({
        id: 'b',
        createdAt: 2_000,
        dialect: 'openai-chat',
        requestedModel: 'auto',
        route: 'auto',
        provider: 'deepseek',
        upstreamModel: 'gpt-4o-mini',
        status: 'error',
        httpStatus: 429,
        stream: false,
        usageEstimated: false,
        costUsd: null,
        unpriced: false,
        cache: 'miss',
        attemptCount: 1,
      });
    });

    it('keeps the limit within 1..10,000', async () => {
      const store = await seeded();
      expect(await store.listRequests({ limit: 0 })).toHaveLength(1);
      expect(await store.listRequests({ limit: Number.NaN })).toHaveLength(5);
    });
  });

  describe('getRequest', () => {
    it('returns a request with its attempts in order', async () => {
      const store = await seeded();
      const request = await store.getRequest('e');
      expect(request?.attemptCount).toBe(2);
      expect(
        request?.attempts.map((attempt) => [attempt.attemptIndex, attempt.provider, attempt.status]),
      ).toEqual([
        [0, 'deepseek', 'error'],
        [1, 'openai', 'ok'],
      ]);
      expect(request?.attempts[0]).toMatchObject({
        httpStatus: 503,
        errorCode: 'UPSTREAM_UNAVAILABLE',
        costUsd: null,
      });
      expect(request?.attempts[0]).not.toHaveProperty('requestId');
      expect(await store.getRequest('missing')).toBeUndefined();
    });
  });

  describe('summarizeCost', () => {
    it('sums priced requests and counts unpriced ones, since a time', async () => {
      const store = await seeded();
      const none = { savedUsd: 0, cacheHits: 0 };
      expect(await store.summarizeCost()).toEqual({ costUsd: 0.6, unpriced: 1, requests: 5, ...none });
      expect(await store.summarizeCost({ since: 3_000 })).toEqual({
        costUsd: 0.5,
        unpriced: 1,
        requests: 3,
        ...none,
      });
      expect(await store.summarizeCost({ since: 9_000 })).toEqual({
        costUsd: 0,
        unpriced: 0,
        requests: 0,
        ...none,
      });
    });

    it('totals what cache hits saved, and counts the hits', async () => {
      const store = await seeded();
      const writer = createHistoryWriter(store);
      writer.record(
        historyRecord('hit1', 6_000, { cache: 'hit-exact', costUsd: 0, savedUsd: 0.25, attemptCount: 0 }),
      );
      writer.record(
        historyRecord('hit2', 7_000, { cache: 'hit-semantic', costUsd: 0, savedUsd: 0.05, attemptCount: 0 }),
      );
      await writer.flush();
      expect(await store.summarizeCost()).toEqual({
        costUsd: 0.6,
        unpriced: 1,
        requests: 7,
        savedUsd: 0.3,
        cacheHits: 2,
      });
      expect(await store.getRequest('hit1')).toMatchObject({
        cache: 'hit-exact',
        savedUsd: 0.25,
        costUsd: 0,
      });
    });
  });
});
