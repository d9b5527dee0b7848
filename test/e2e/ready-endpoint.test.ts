import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/relay-harness.js';

const harness = useHarness();

async function ready(headers: Record<string, string> = {}) {
  const response = await fetch(`${harness.relay.url}/ready`, { headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('GET /ready', () => {
  it('answers 200 without a client key while the SQLite store answers', async () => {
    expect(await ready()).toEqual({ status: 200, body: { status: 'ready', stores: { sqlite: 'ok' } } });
  });

  it('answers 503 naming the store whose check fails, and 200 again once it answers', async () => {
    let down = true;
    const remove = harness.relay.readiness.register({
      name: 'postgres',
      check: () => {
        if (down) throw new Error('connect ECONNREFUSED 10.0.0.5:5432 (postgres://relay:hunter2@db/relay)');
      },
    });
    try {
      const failing = await ready();
      expect(failing).toEqual({
        status: 503,
        body: { status: 'unavailable', stores: { sqlite: 'ok', postgres: 'failing' } },
      });
      // the store's error, its address and its password stay inside the relay
      expect(JSON.stringify(failing.body)).not.toMatch(/hunter2|10\.0\.0\.5|ECONNREFUSED/);
      // liveness is another question: the process still serves
      expect((await fetch(`${harness.relay.url}/health`)).status).toBe(200);
      down = false;
      expect((await ready()).status).toBe(200);
    } finally {
      remove();
    }
  });
});
