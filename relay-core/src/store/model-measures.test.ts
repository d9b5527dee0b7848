import { describe, expect, it } from 'vitest';
import { describeHistoryStores } from './history-stores.fixture.js';
import { createHistoryWriter } from './history-writer.js';
import { measuredHistory } from './measured-history.fixture.js';
import { windowStart } from './model-measures.js';
import type { GroupMeasures } from './model-measures.js';

// mid-afternoon, so a window starts inside a day and both the rollup and the raw rows are read
const now = Date.UTC(2026, 11, 7, 15, 30);

describeHistoryStores('the model browser measures', (open) => {
  async function seeded() {
    const { store } = await open();
    const writer = createHistoryWriter(store);
    for (const record of measuredHistory(now)) writer.record(record);
    await await writer.flush();
    return store;
  }

  const byPair = (rows: GroupMeasures[]) =>
    Object.fromEntries(
      rows.map(({ key: _key, pairs, ...measures }) => [
        pairs.map((pair) => `${pair.provider}/${pair.model}`).join('+'),
        measures,
      ]),
    );

  describe('measureModels', () => {
    it('answers each model’s use, money, speed and errors over the last 7 days, worked out by hand', async () => {
      const rows = byPair(await (await seeded()).measureModels({ from: windowStart('7d', now) }));
      expect(Object.keys(rows).sort()).toEqual([
        'anthropic/claude-sonnet-4-5',
        'deepseek/deepseek-chat',
        'openai/gpt-4o-mini',
      ]);
      // 20 answers, 2 cache hits, 2 failures; 25 tries of which 5 failed (3 failed over); the
      // first tokens 50…1000 ms: the 10th of 20 is 500, the 19th 950; 2000 tokens over 20 s
      expect(rows['openai/gpt-4o-mini']).toEqual({
        requests: 24,
        spendUsd: 0.02,
        cacheSavedUsd: 0.002,
        tries: 25,
        errorRate: 0.2,
        ttftP50Ms: 500,
        ttftP95Ms: 950,
        tokensPerSecond: 100,
      });
      // first tokens 400, 400, 400 (streamed) and 3000, 3000 (whole answers): the 3rd and 5th
      // of 5; tokens per second from the streams only, 300 tokens over 1.5 s
      expect(rows['anthropic/claude-sonnet-4-5']).toEqual({
        requests: 5,
        spendUsd: 0.015,
        cacheSavedUsd: 0,
        tries: 5,
        errorRate: 0,
        ttftP50Ms: 400,
        ttftP95Ms: 3000,
        tokensPerSecond: 200,
      });
      // unpriced is no spend at all, not $0; no stream, no tokens per second
      expect(rows['deepseek/deepseek-chat']).toEqual({
        requests: 1,
        cacheSavedUsd: 0,
        tries: 1,
        errorRate: 0,
        ttftP50Ms: 700,
        ttftP95Ms: 700,
      });
    });

    it('counts the whole history for "all" and nothing for a window with no requests', async () => {
      const store = await seeded();
      const all = byPair(await store.measureModels({ from: windowStart('all', now) }));
      // the 8-day-old answer joins: its 5 ms first token is the 1st of 21, so the 11th is still 500
      expect(all['openai/gpt-4o-mini']).toMatchObject({
        requests: 25,
        tries: 26,
        ttftP50Ms: 500,
        ttftP95Ms: 950,
      });
      expect(await store.measureModels({ from: windowStart('24h', now) })).toEqual([]);
    });

    it('measures a model served by two providers as one group, percentiles over both', async () => {
      const rows = await (
        await seeded()
      ).measureModels({ from: windowStart('7d', now) }, ({ provider }) =>
        provider === 'deepseek' ? undefined : 'chat',
      );
      expect(rows).toHaveLength(1);
      // 25 first tokens: 50…1000 ms, 400 three more times, 3000 twice: the 13th is 500 (50…350,
      // four 400s, 450, 500), the 24th 3000 where openai alone had 950
      expect(rows[0]).toMatchObject({
        key: 'chat',
        requests: 29,
        tries: 30,
        ttftP50Ms: 500,
        ttftP95Ms: 3000,
      });
      expect(rows[0]!.pairs).toHaveLength(2);
    });
  });
});
