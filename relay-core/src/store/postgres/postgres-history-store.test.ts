import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPostgres, storesRequired, storesSkipReason } from '../../../../test/helpers/team-stores.js';
import type { StoreServer } from '../../../../test/helpers/team-stores.js';
import { createPostgresHistoryStore } from './postgres-history-store.js';

describe.skipIf(!storesRequired)(`PostgreSQL history store (${storesSkipReason})`, () => {
  let server: StoreServer;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('survives a server that ends a connection the store holds between queries', async () => {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    const sessions = async () =>
      (
        await admin.query<{ pid: number; waiting: boolean }>(
          "SELECT pid, wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
        )
      ).rows;
    // the migration's lock held elsewhere: the first use waits on it, the second holds its connection idle meanwhile
    await admin.query('SELECT pg_advisory_lock($1)', [0x5b0a4d]);
    const store = createPostgresHistoryStore(server.url);
    try {
      const uses = [store.check(), store.check()];
      await vi.waitFor(async () =>
        expect((await sessions()).map((row) => row.waiting).sort()).toEqual([false, true]),
      );
      const idle = (await sessions()).find((row) => !row.waiting)!;
      // what a server shutting down sends each connection: FATAL 57P01
      await admin.query('SELECT pg_terminate_backend($1)', [idle.pid]);
      await admin.query('SELECT pg_advisory_unlock($1)', [0x5b0a4d]);
      // the use whose connection ended fails; the one that migrated succeeds
      const outcomes = await Promise.allSettled(uses);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
      // the broken connection was not handed out again
      await store.check();
      await store.check();
    } finally {
      await store.close();
      await admin.end();
    }
  });
});
