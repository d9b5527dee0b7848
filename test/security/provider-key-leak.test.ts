import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerKey, startHarness } from '../helpers/relay-harness.js';
import type { Harness } from '../helpers/relay-harness.js';
import type { HistoryRow } from '../../renderer/src/api/admin-types.js';
import { toCsv } from '../../renderer/src/history/to-csv.js';

let harness: Harness;
const bodies: string[] = [];

async function call(body: unknown, stream = false): Promise<void> {
  const response = await fetch(`${harness.relay.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sb-harness-client-key' },
    body: JSON.stringify({ ...(body as object), stream }),
  });
  bodies.push(JSON.stringify([...response.headers]) + (await response.text()));
}

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

describe('a provider key never leaves the relay', () => {
  it('is absent from responses, error bodies, logs, config.yaml, the database files and what the UI reads and exports', async () => {
    const messages = [{ role: 'user', content: 'hi' }];
    await call({ model: 'gpt-4.1-nano', messages });
    await call({ model: 'gpt-4.1-nano', messages }, true);
    // upstreams that echo the key back in their error message (both providers, so it surfaces)
    const echo = {
      error: {
        message: `Incorrect API key provided: ${providerKey}.`,
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      },
    };
    harness.emulator.inject({ status: 401, body: echo });
    await call({ model: 'openai/gpt-4.1-nano', messages });
    harness.emulator.inject({ status: 500, body: echo });
    harness.backup.inject({ status: 500, body: echo });
    await call({ model: 'gpt-4.1-nano', messages }, true);
    harness.emulator.inject({ status: 429, body: { error: { message: `quota for ${providerKey}` } } });
    harness.backup.inject({ status: 429, body: { error: { message: `quota for ${providerKey}` } } });
    await call({ model: 'gpt-4.1-nano', messages });
    await call({ model: 'gpt-4.1-nano', messages: 'not-a-list' });

    // the upstream really did get the key: the test would be empty otherwise
    expect(harness.emulator.calls.some((c) => c.headers.authorization === `Bearer ${providerKey}`)).toBe(
      true,
    );
    expect(bodies.join('\n')).toContain('Incorrect API key provided');

    harness.relay.flushHistory();
    // what the UI reads and exports: the history (and its CSV), each request's attempts, status,
    // config and client keys
    const admin = async (path: string) => {
      const response = await fetch(`${harness.relay.url}${path}`, {
        headers: { authorization: `Bearer ${harness.relay.adminToken}` },
      });
      expect(response.status, path).toBe(200);
      return response.text();
    };
    const history = await admin('/admin/history?limit=1000');
    const rows = (JSON.parse(history) as { rows: HistoryRow[] }).rows;
    expect(rows.length).toBeGreaterThanOrEqual(6);
    bodies.push(history, toCsv(rows));
    for (const row of rows) bodies.push(await admin(`/admin/history/request?id=${row.id}`));
    for (const path of [
      '/admin/status',
      '/admin/config',
      '/admin/clients',
      '/admin/requests',
      '/admin/history/stats',
    ])
      bodies.push(await admin(path));
    harness.relay.db.pragma('wal_checkpoint(FULL)');
    const written = readdirSync(harness.home).map((name) =>
      readFileSync(join(harness.home, name)).toString('latin1'),
    );
    const secretFragment = providerKey.slice(8, 30);
    for (const text of [...bodies, ...harness.logs, ...written]) {
      expect(text).not.toContain(providerKey);
      expect(text).not.toContain(secretFragment);
    }
  });
});
