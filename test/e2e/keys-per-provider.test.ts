import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRelay } from '../../relay-core/src/index.js';
import type { RelayHandle } from '../../relay-core/src/index.js';
import { createSecretStore } from '../../relay-core/src/secrets/create-secret-store.js';
import { createMemoryStore } from '../../relay-core/src/secrets/memory-store.js';
import { startEmulator } from '../../relay-core/src/emulator/index.js';
import type { Emulator } from '../../relay-core/src/emulator/index.js';

// Several keys for one provider: a key that hits its rate limit is held and the next key of the
// same provider answers, before any other target; spend is recorded per key by name; the admin
// API shows names and last four characters, never a key.
const keys = {
  openai: {
    default: 'sk-proj-Ka1Default0Zq8Wm3Xr5Tn7Vb2Lc4Hd6Jf9Gs',
    work: 'sk-proj-Ka1Work000Zq8Wm3Xr5Tn7Vb2Lc4Hd6Jf9Wk',
    spare: 'sk-proj-Ka1Spare00Zq8Wm3Xr5Tn7Vb2Lc4Hd6Jf9Sp',
  },
  tiered: {
    default: 'sk-tier-Default0Pq4Nm8Yt2Rk6Wd1Fh3Jc5Xz7De',
    free: 'sk-tier-Free00000Pq4Nm8Yt2Rk6Wd1Fh3Jc5Xz7Fr',
    paid: 'sk-tier-Paid00000Pq4Nm8Yt2Rk6Wd1Fh3Jc5Xz7Pa',
  },
};
const clientKey = 'sb-keys-test-client';
const scratch = mkdtempSync(join(tmpdir(), 'switchboard-keys-'));
let emulator: Emulator;
let backup: Emulator;
let relay: RelayHandle;

async function admin<T = Record<string, unknown>>(path: string, body?: unknown) {
  const response = await fetch(`${relay.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${relay.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as T };
}

const chat = (model: string) =>
  fetch(`${relay.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Say hi.' }] }),
  });

/** The name of the key each upstream call carried, in order. */
const keysUsed = (upstream: Emulator, provider: keyof typeof keys) =>
  upstream.calls.map((call) => {
    const sent = String(call.headers.authorization).replace(/^Bearer /, '');
    return Object.entries(keys[provider]).find(([, key]) => key === sent)?.[0] ?? 'unknown';
  });

beforeAll(async () => {
  emulator = await startEmulator();
  backup = await startEmulator();
  writeFileSync(
    join(scratch, 'config.yaml'),
    `providers:
  - id: openai
    base_url: ${emulator.url}/v1
    keys: { strategy: round_robin }
  - id: tiered
    preset: openai
    base_url: ${emulator.url}/v1
    keys: { strategy: fill_first, order: [free, paid] }
  - id: backup
    preset: openai
    base_url: ${backup.url}/v1
routes:
  - name: chat
    targets: [openai/gpt-4.1-nano, backup/gpt-4.1-nano]
`,
  );
  const env = { SWITCHBOARD_API_KEY: clientKey, SWITCHBOARD_KEY_BACKUP: 'sk-backup-key-0000000000' };
  const secrets = await createSecretStore({
    home: scratch,
    env,
    keychain: createMemoryStore({}, 'keychain'),
  });
  relay = await startRelay({ home: scratch, port: 0, env, secrets, log: () => undefined });
  for (const [provider, named] of Object.entries(keys))
    for (const [name, key] of Object.entries(named)) {
      const stored = await admin('/admin/keys/set', { provider, name, key });
      expect(stored.body).toMatchObject({ provider, name, keyHint: `…${key.slice(-4)}` });
    }
});

beforeEach(() => {
  emulator.reset();
  backup.reset();
});

afterAll(async () => {
  await relay?.close();
  await emulator?.close();
  await backup?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('several keys per provider', () => {
  it('fails over to the next key on a 429 while one is free, then to the next target', async () => {
    emulator.inject({ match: { key: keys.openai.default }, status: 429, retryAfter: 60, times: Infinity });
    emulator.inject({ match: { key: keys.openai.spare }, status: 429, retryAfter: 60, times: Infinity });
    const first = await chat('chat');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-relay-provider')).toBe('openai');
    expect(first.headers.get('x-relay-attempts')).toBe('3');
    // round robin in name order, `default` first
    expect(keysUsed(emulator, 'openai')).toEqual(['default', 'spare', 'work']);
    // the two held keys wait out their Retry-After: the free one answers at once, every time
    emulator.reset();
    for (let i = 0; i < 3; i++) expect((await chat('chat')).status).toBe(200);
    expect(keysUsed(emulator, 'openai')).toEqual(['work', 'work', 'work']);
    expect(backup.calls).toHaveLength(0);
    // the last free key runs out: only now does the next target answer
    emulator.inject({ match: { key: keys.openai.work }, status: 429, times: Infinity });
    const fallback = await chat('chat');
    expect(fallback.status).toBe(200);
    expect(fallback.headers.get('x-relay-provider')).toBe('backup');
    // with every key held and no other target, the client is told of a rate limit and the wait
    const alone = await chat('openai/gpt-4.1-nano');
    expect(alone.status).toBe(429);
    expect(Number(alone.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(emulator.calls).toHaveLength(4);
    emulator.clearFaults();
  });

  it('fill_first uses the keys in their order: the next only while the first is out', async () => {
    for (let i = 0; i < 2; i++) expect((await chat('tiered/gpt-4.1-nano')).status).toBe(200);
    emulator.inject({ match: { key: keys.tiered.free }, status: 429, retryAfter: 60, times: Infinity });
    for (let i = 0; i < 2; i++) expect((await chat('tiered/gpt-4.1-nano')).status).toBe(200);
    emulator.inject({ match: { key: keys.tiered.paid }, status: 429, retryAfter: 60, times: Infinity });
    expect((await chat('tiered/gpt-4.1-nano')).status).toBe(200);
    expect(keysUsed(emulator, 'tiered')).toEqual(['free', 'free', 'free', 'paid', 'paid', 'paid', 'default']);
    emulator.clearFaults();
  });

  it('records spend and requests per key by name, in the history and the admin API', async () => {
    const answered = await chat('tiered/gpt-4.1-nano');
    const id = answered.headers.get('x-relay-request-id');
    relay.flushHistory();
    const row = relay.db.prepare('SELECT key_name FROM requests WHERE id = ?').get(id) as {
      key_name: string;
    };
    expect(row.key_name).toBe('default');
    const listed = await admin<{
      providers: Array<{ id: string; keys: Array<{ name: string; requests: number; costUsd: number }> }>;
    }>('/admin/keys');
    const perKey = (provider: string) =>
      Object.fromEntries(
        listed.body.providers
          .find((entry) => entry.id === provider)!
          .keys.map((key) => [key.name, { requests: key.requests, spent: key.costUsd > 0 }]),
      );
    // every upstream call counts against the key it used; the 429s cost nothing
    expect(perKey('tiered')).toEqual({
      default: { requests: 2, spent: true },
      free: { requests: 3, spent: true },
      paid: { requests: 3, spent: true },
    });
    expect(perKey('openai')).toMatchObject({
      default: { requests: 1, spent: false },
      spare: { requests: 1, spent: false },
      work: { requests: 5, spent: true },
    });
  });

  it('says which key Explain would use, and shows only names and last four characters', async () => {
    const explained = await admin<{ eligible: Array<{ target: string; key: { name: string } | null }> }>(
      '/admin/routing/explain',
      { model: 'tiered/gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] },
    );
    expect(explained.body.eligible[0]).toMatchObject({
      target: 'tiered/gpt-4.1-nano',
      key: { name: 'default', keyHint: `…${keys.tiered.default.slice(-4)}` },
    });
    const status = await admin('/admin/status');
    const listed = await admin('/admin/keys');
    const history = await admin('/admin/requests?limit=50');
    for (const key of [...Object.values(keys.openai), ...Object.values(keys.tiered)]) {
      for (const body of [explained.text, status.text, listed.text, history.text]) {
        expect(body).not.toContain(key);
        // no longer piece than the last four characters either
        expect(body).not.toContain(key.slice(-8));
      }
    }
    expect(listed.text).toContain(`…${keys.openai.spare.slice(-4)}`);
  });

  it('removes a named key, leaving the others', async () => {
    const removed = await admin('/admin/keys/delete', { provider: 'openai', name: 'work' });
    expect(removed.body).toMatchObject({ provider: 'openai', name: 'work', deleted: true });
    const status = await admin<{ providers: Array<{ id: string; keyNames: string[] }> }>('/admin/status');
    expect(status.body.providers.find((provider) => provider.id === 'openai')!.keyNames).toEqual([
      'default',
      'spare',
    ]);
    const refused = await admin('/admin/keys/set', { provider: 'openai', name: 'Not A Name', key: 'sk-x' });
    expect(refused.status).toBe(400);
  });
});
