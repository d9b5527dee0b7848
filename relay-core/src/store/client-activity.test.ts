import { describe, expect, it } from 'vitest';
import { describeHistoryStores } from './history-stores.fixture.js';
import { createHistoryWriter } from './history-writer.js';
import { historyRecord } from './history-record.fixture.js';

const day = 86_400_000;
const today = 20_000 * day;

describeHistoryStores('client activity and recent models', (open) => {
  async function seeded() {
    const { store } = await open();
    const writer = createHistoryWriter(store);
    writer.record(
      historyRecord('old', today - day + 5, { client: 'codex', costUsd: 1, requestedModel: 'coding' }),
    );
    writer.record(
      historyRecord('a', today + 10, { client: 'codex', costUsd: 0.25, requestedModel: 'coding' }),
    );
    writer.record(historyRecord('b', today + 20, { client: 'codex', costUsd: null, unpriced: true }));
    writer.record(
      historyRecord('c', today + 30, { client: 'aider', costUsd: 0.5, requestedModel: 'openai/gpt-5' }),
    );
    writer.record(
      historyRecord('d', today + 40, {
        client: 'aider',
        status: 'error',
        requestedModel: 'broken',
        costUsd: null,
      }),
    );
    await await writer.flush();
    return store;
  }

  describe('client activity', () => {
    it("gives each client's latest request and what it spent since the start of the day", async () => {
      const activity = await (
        await seeded()
      ).clientActivity(['codex', 'aider', 'claude-code'], today + 12 * 3600_000);
      expect(activity.get('codex')).toEqual({ lastRequestAt: today + 20, spentUsd: 0.25, requests: 2 });
      expect(activity.get('aider')).toEqual({ lastRequestAt: today + 40, spentUsd: 0.5, requests: 2 });
      expect(activity.get('claude-code')).toEqual({ spentUsd: 0, requests: 0 });
    });
  });

  describe('recent models', () => {
    it('lists the names that got answers, the most asked first, errors left out', async () => {
      expect(await (await seeded()).recentModels(0)).toEqual(['coding', 'openai/gpt-5', 'auto']);
      // one each: the latest first
      expect(await (await seeded()).recentModels(today)).toEqual(['openai/gpt-5', 'auto', 'coding']);
    });
  });
});
