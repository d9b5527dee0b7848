import { expect, it } from 'vitest';
import { historyRecord } from './history-record.fixture.js';
import type { AttemptRecord } from './history-records.js';
import { describeHistoryStores } from './history-stores.fixture.js';

const attempt = (index: number, keyName: string | undefined, costUsd: number | null): AttemptRecord => ({
  attemptIndex: index,
  provider: 'openai',
  upstreamModel: 'gpt-4o-mini',
  startedAt: 0,
  status: costUsd === null ? 'error' : 'ok',
  ...(keyName ? { keyName } : {}),
  costUsd,
  unpriced: false,
});

describeHistoryStores('keyUsage', (open) => {
  it('adds up requests and spend per provider key since a time, the key named in each row', async () => {
    const history = await open();
    await history.store.writeBatch([
      // before the period: not counted
      historyRecord('r0', 500, { keyName: 'work', attempts: [attempt(0, 'work', 1)] }),
      // a rate-limited first key, then the answer from the next
      historyRecord('r1', 1000, {
        keyName: 'work',
        attempts: [attempt(0, 'default', null), attempt(1, 'work', 0.002)],
      }),
      historyRecord('r2', 2000, { keyName: 'work', attempts: [attempt(0, 'work', 0.003)] }),
      // keyless providers (local servers) have no key to name
      historyRecord('r3', 3000, { attempts: [attempt(0, undefined, 0)] }),
    ]);
    expect(await history.store.keyUsage(1000)).toEqual([
      { provider: 'openai', keyName: 'default', requests: 1, costUsd: 0, unpricedRequests: 0 },
      { provider: 'openai', keyName: 'work', requests: 2, costUsd: 0.005, unpricedRequests: 0 },
    ]);
    const rows = await history.sql.all("SELECT key_name FROM requests WHERE id = 'r1'");
    expect(rows).toEqual([{ key_name: 'work' }]);
  });
});
