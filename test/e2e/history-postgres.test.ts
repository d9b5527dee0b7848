import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCall } from '../helpers/admin-call.js';
import { startHarness } from '../helpers/relay-harness.js';
import type { Harness } from '../helpers/relay-harness.js';
import { startPostgres, storesRequired } from '../helpers/team-stores.js';
import type { StoreServer } from '../helpers/team-stores.js';

interface HistoryPage {
  total: number;
  rows: Array<{ id: string; provider?: string; status: string }>;
}
interface Status {
  history: { store: string; pending: number; spooled: number; dropped: number; failing: boolean };
}

// the history page of a relay whose history lives on PostgreSQL, through a database outage
describe.skipIf(!storesRequired)('history on PostgreSQL (storage.history)', () => {
  let postgres: StoreServer;
  let harness: Harness;
  beforeAll(async () => {
    postgres = await startPostgres();
    harness = await startHarness({ extraConfig: `storage:\n  history: ${postgres.url}\n` });
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
    await postgres?.stop();
  });
  const admin = <T>(path: string) => adminCall<T>(harness.relay, path);
  const ask = async () => {
    harness.emulator.inject({ scenario: 'openai-text' });
    const { response } = await harness.openai.chat.completions
      .create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    return response.headers.get('x-relay-request-id')!;
  };

  it('lists, details and charts requests from PostgreSQL, not switchboard.db', async () => {
    const id = await ask();
    await harness.relay.flushHistory();
    const page = await admin<HistoryPage>('/admin/history');
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({ id, provider: 'openai', status: 'ok' });
    expect(await admin(`/admin/history/request?id=${id}`)).toMatchObject({
      id,
      attempts: [{ provider: 'openai' }],
    });
    const stats = await admin<{ days: Array<{ requests: number }> }>('/admin/history/stats');
    expect(stats.days.map((day) => day.requests)).toEqual([1]);
    expect((await admin<Status>('/admin/status')).history).toMatchObject({
      store: 'postgres',
      pending: 0,
      dropped: 0,
    });
    const local = harness.relay.db.prepare('SELECT COUNT(*) AS n FROM requests').get() as { n: number };
    expect(local.n).toBe(0);
  });

  it('keeps answering while PostgreSQL is down, says so, and records every request when it returns', async () => {
    const before = (await admin<HistoryPage>('/admin/history')).total;
    // the test server commits without waiting for its log: what was committed before the kill is made durable
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    await client.query('CHECKPOINT');
    await client.end();
    await postgres.kill();
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) ids.push(await ask());
    await harness.relay.flushHistory();
    expect((await admin<Status>('/admin/status')).history).toMatchObject({
      pending: 5,
      dropped: 0,
      failing: true,
    });
    await postgres.restart();
    await harness.relay.flushHistory();
    expect((await admin<Status>('/admin/status')).history).toMatchObject({ pending: 0, failing: false });
    const page = await admin<HistoryPage>('/admin/history');
    expect(page.total).toBe(before + 5);
    expect(page.rows.slice(0, 5).map((row) => row.id)).toEqual([...ids].reverse());
  }, 60_000);

  it('holds a client to its budget with what PostgreSQL holds, in a relay started after the spend', async () => {
    await harness.relay.flushHistory();
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    const { rows } = await client.query<{ spent: number }>(
      "SELECT SUM(cost_usd)::float8 AS spent FROM requests WHERE client = 'env'",
    );
    await client.end();
    const spent = rows[0]!.spent;
    expect(spent).toBeGreaterThan(0);
    // a budget the earlier requests used up, though one request alone would fit in it
    const next = await startHarness({
      extraConfig: `storage:\n  history: ${postgres.url}\nclients:\n  - name: env\n    spend_per_day_usd: ${spent}\n`,
    });
    try {
      next.emulator.inject({ scenario: 'openai-text' });
      const refused = await next.openai.chat.completions
        .create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
        .then(
          () => 'answered',
          (error: { status: number; message: string }) => `${error.status} ${error.message}`,
        );
      expect(refused).toMatch(/^429 .*client 'env' has spent \$0\.\d+ this day/);
      expect(next.emulator.calls).toHaveLength(0);
    } finally {
      await next.close();
    }
  }, 60_000);
});
