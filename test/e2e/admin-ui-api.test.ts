import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { providerKey, useHarness } from '../helpers/relay-harness.js';

// The admin endpoints behind the UI's pages: config edits, provider keys, client keys, the
// playground's key and the history page's queries.
const harness = useHarness();

async function admin<T = Record<string, unknown>>(
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T; text: string }> {
  const response = await fetch(`${harness.relay.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${harness.relay.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as T, text };
}

const configText = () => readFileSync(join(harness.home, 'config.yaml'), 'utf8');

describe('config edits from the UI', () => {
  it('saves routes round-trip, keeps comments, and routes by them at once', async () => {
    const saved = await admin('/admin/config/routes', {
      routes: [{ name: 'ui-route', targets: ['backup/gpt-4.1-nano', 'openai/gpt-4.1-nano'] }],
    });
    expect(saved.body.ok).toBe(true);
    expect(configText()).toContain('# test config');
    expect(configText()).toMatch(/- name: ui-route\n\s+targets:\n\s+- backup\/gpt-4.1-nano/);
    const explained = await admin<{ route: string; eligible: Array<{ target: string }> }>(
      '/admin/routing/explain',
      {
        model: 'ui-route',
        messages: [{ role: 'user', content: 'hi' }],
      },
    );
    expect(explained.body.route).toBe('ui-route');
    expect(explained.body.eligible.map((target) => target.target)).toEqual([
      'backup/gpt-4.1-nano',
      'openai/gpt-4.1-nano',
    ]);
    const config = await admin<{ routes: Array<{ name: string }>; strategies: string[] }>('/admin/config');
    expect(config.body.routes.map((route) => route.name)).toEqual(['ui-route']);
    expect(config.body.strategies).toEqual(expect.arrayContaining(['ordered', 'cheapest', 'weighted']));
  });

  it('refuses an invalid edit with the path of the problem and leaves the file alone', async () => {
    const before = configText();
    const refused = await admin<{ ok: boolean; issues: Array<{ path: string; message: string }> }>(
      '/admin/config/routes',
      {
        routes: [{ name: 'broken', targets: [] }],
      },
    );
    expect([refused.status, refused.body.ok]).toEqual([422, false]);
    expect(refused.body.issues[0]!.path).toBe('routes[0].targets');
    const badYaml = await admin<{ ok: boolean; issues: Array<{ message: string }> }>('/admin/config/yaml', {
      yaml: 'routes: [\n',
    });
    expect([badYaml.status, badYaml.body.ok]).toEqual([422, false]);
    expect(badYaml.body.issues[0]!.message).toMatch(/^line \d+, column \d+/);
    expect(configText()).toBe(before);
    const valid = await admin('/admin/config/validate', { yaml: before });
    expect(valid.body.ok).toBe(true);
  });

  it('adds, edits and removes a provider', async () => {
    expect(
      (await admin('/admin/providers/add', { id: 'extra', preset: 'deepseek', region: 'eu' })).body.ok,
    ).toBe(true);
    expect(configText()).toMatch(/- id: extra\n\s+preset: deepseek\n\s+region: eu/);
    expect(
      (await admin('/admin/providers/update', { id: 'extra', region: '', base_url: 'http://127.0.0.1:9/v1' }))
        .body.ok,
    ).toBe(true);
    const status = await admin<{ providers: Array<{ id: string; region: string; baseUrl: string }> }>(
      '/admin/status',
    );
    expect(status.body.providers.find((provider) => provider.id === 'extra')).toMatchObject({
      baseUrl: 'http://127.0.0.1:9/v1',
      region: 'cn',
    });
    expect((await admin('/admin/providers/add', { id: 'extra' })).body.ok).toBe(false);
    expect((await admin('/admin/providers/remove', { id: 'extra' })).body.ok).toBe(true);
    expect(configText()).not.toContain('id: extra');
  });
});

describe('keys from the UI', () => {
  it('stores, tests and deletes a provider key, and answers only its last four characters', async () => {
    await admin('/admin/providers/add', {
      id: 'keyed',
      preset: 'openai',
      base_url: `${harness.emulator.url}/v1`,
    });
    const stored = await admin('/admin/keys/set', { provider: 'keyed', key: providerKey });
    expect(stored.body).toMatchObject({ provider: 'keyed', keyHint: `…${providerKey.slice(-4)}` });
    const status = await admin<{ providers: Array<{ id: string; hasKey: boolean; keyHint?: string }> }>(
      '/admin/status',
    );
    expect(status.body.providers.find((provider) => provider.id === 'keyed')).toMatchObject({ hasKey: true });
    expect(status.text).not.toContain(providerKey);
    const tested = await admin('/admin/keys/test', { provider: 'keyed' });
    expect(tested.body).toMatchObject({ ok: true, status: 200 });
    expect(
      (await admin('/admin/keys/set', { provider: 'keyed', key: 'sk-wrong-key-0000000000' })).status,
    ).toBe(200);
    const wrong = await admin('/admin/keys/test', { provider: 'keyed' });
    expect(wrong.body).toMatchObject({ ok: false, status: 401 });
    expect((await admin('/admin/keys/delete', { provider: 'keyed' })).body).toMatchObject({ deleted: true });
    const after = await admin<{ providers: Array<{ id: string; hasKey: boolean }> }>('/admin/status');
    expect(after.body.providers.find((provider) => provider.id === 'keyed')).toMatchObject({ hasKey: false });
    await admin('/admin/providers/remove', { id: 'keyed' });
  });

  it('tells a refused key, a wrong base URL, nothing listening and TLS apart, and shows it in the status', async () => {
    const closed = await freePort();
    const port = new URL(harness.emulator.url).port;
    const cases: Array<[string, string, string]> = [
      ['wrongkey', `${harness.emulator.url}/v1`, 'rejected'],
      ['wrongurl', `${harness.emulator.url}/nothing-here`, 'wrong-url'],
      ['nobody', `http://127.0.0.1:${closed}/v1`, 'refused'],
      ['tlsmix', `https://127.0.0.1:${port}/v1`, 'tls'],
    ];
    for (const [id, baseUrl, kind] of cases) {
      await admin('/admin/providers/add', { id, preset: 'openai', base_url: baseUrl });
      await admin('/admin/keys/set', {
        provider: id,
        key: id === 'wrongkey' ? 'sk-wrong-0000000000000000' : providerKey,
      });
      const tested = await admin<{ ok: boolean; kind: string; message: string }>('/admin/keys/test', {
        provider: id,
      });
      expect([id, tested.body.ok, tested.body.kind]).toEqual([id, false, kind]);
      expect(tested.text).not.toContain(providerKey);
      const status = await admin<{ providers: Array<{ id: string; keyTest?: { kind: string } }> }>(
        '/admin/status',
      );
      expect(status.body.providers.find((provider) => provider.id === id)?.keyTest?.kind).toBe(kind);
      await admin('/admin/keys/delete', { provider: id });
      await admin('/admin/providers/remove', { id });
    }
  });

  it('refuses a second provider with an id already in use', async () => {
    const refused = await admin<{ ok: boolean; issues: Array<{ path: string; message: string }> }>(
      '/admin/providers/add',
      { id: 'openai', preset: 'openai' },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.issues).toEqual([
      { path: 'id', message: "a provider 'openai' already exists; choose another id" },
    ]);
  });

  it('creates and revokes client keys; the key is returned once and works on /v1 until revoked', async () => {
    const created = await admin<{ key: string; record: { name: string } }>('/admin/clients/create', {
      name: 'ui-client',
    });
    const models = (key: string) =>
      fetch(`${harness.relay.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
    expect((await models(created.body.key)).status).toBe(200);
    const listed = await admin<{ keys: Array<{ name: string }> }>('/admin/clients');
    expect(listed.body.keys.map((key) => key.name)).toContain('ui-client');
    expect(listed.text).not.toContain(created.body.key);
    expect((await admin('/admin/clients/create', { name: 'ui-client' })).status).toBe(400);
    expect((await admin('/admin/clients/revoke', { name: 'ui-client' })).status).toBe(200);
    expect((await models(created.body.key)).status).toBe(401);
  });

  it('marks a model available only where a configured provider has a key, and filters by it', async () => {
    await admin('/admin/providers/add', { id: 'mistral', base_url: 'http://127.0.0.1:9/v1' });
    const mistral = await admin<{ entries: Array<{ available: boolean; providerIds: string[] }> }>(
      '/admin/catalog?provider=mistral&limit=5',
    );
    expect(mistral.body.entries.length).toBeGreaterThan(0);
    expect(mistral.body.entries[0]).toMatchObject({ available: false, providerIds: ['mistral'] });
    const available = await admin<{ entries: Array<{ provider: string; available: boolean }> }>(
      '/admin/catalog?available=1&limit=1000',
    );
    expect(available.body.entries.every((entry) => entry.available && entry.provider !== 'mistral')).toBe(
      true,
    );
    expect(new Set(available.body.entries.map((entry) => entry.provider))).toContain('anthropic');
    await admin('/admin/providers/remove', { id: 'mistral' });
  });

  it('marks available only what a provider lists when it has its own list (the demo), and says demo', async () => {
    const before = configText();
    const yaml = before.replace(
      /^providers:\n/m,
      `providers:\n  - id: listed\n    preset: demo\n    base_url: ${harness.emulator.url}/v1\n    models: [gpt-4o-mini, deepseek-chat]\n`,
    );
    expect((await admin('/admin/config/yaml', { yaml })).body.ok).toBe(true);
    type Row = { provider: string; model: string; available: boolean; providerIds: string[] };
    const rows = async (query: string) =>
      (await admin<{ entries: Row[]; providers: string[] }>(`/admin/catalog?${query}&limit=1000`)).body;
    const mini = (await rows('q=gpt-4o-mini&provider=openai')).entries.find(
      (row) => row.model === 'gpt-4o-mini',
    )!;
    expect(mini.providerIds).toContain('listed');
    // the demo preset prices from OpenAI's catalog, but lists only two models
    const nano = (await rows('q=gpt-5-nano&provider=openai')).entries.find(
      (row) => row.model === 'gpt-5-nano',
    )!;
    expect(nano.providerIds).not.toContain('listed');
    const deepseek = (await rows('q=deepseek-chat&provider=deepseek')).entries[0]!;
    expect(deepseek).toMatchObject({ available: true, providerIds: ['listed'] });
    const listedOnly = await rows('available=1&q=deepseek');
    expect(listedOnly.entries.map((row) => `${row.provider}/${row.model}`)).toContain(
      'deepseek/deepseek-chat',
    );
    // the provider menu offers every catalog provider, not those of the first page only
    const everyProvider = await rows('limit=1');
    expect(everyProvider.providers.length).toBeGreaterThan(30);
    const status = await admin<{ demoProviders?: string[] }>('/admin/status');
    expect(status.body.demoProviders).toEqual(['listed']);
    expect((await admin('/admin/config/yaml', { yaml: before })).body.ok).toBe(true);
  });

  it('sets a client budget in config.yaml', async () => {
    expect((await admin('/admin/clients/limits', { name: 'laptop', spend_per_day_usd: 2 })).body.ok).toBe(
      true,
    );
    expect(configText()).toMatch(/- name: laptop\n\s+spend_per_day_usd: 2/);
    const clients = await admin<{ limits: Array<{ name: string; spend_per_day_usd?: number }> }>(
      '/admin/clients',
    );
    expect(clients.body.limits).toEqual([{ name: 'laptop', spend_per_day_usd: 2 }]);

    // a comment the user wrote on a client stays when its limits change; no limits removes it
    writeFileSync(
      join(harness.home, 'config.yaml'),
      configText().replace('  - name: laptop', '  # my work laptop\n  - name: laptop'),
    );
    await admin('/admin/clients/limits', { name: 'ci', requests_per_minute: 30 });
    await admin('/admin/clients/limits', { name: 'laptop', spend_per_day_usd: 5, models: ['openai/*'] });
    expect(configText()).toMatch(
      /# my work laptop\n\s+- name: laptop\n\s+spend_per_day_usd: 5\n\s+models:\n\s+- openai\/\*\n\s+- name: ci/,
    );
    await admin('/admin/clients/limits', { name: 'laptop' });
    expect(configText()).not.toContain('name: laptop');
    expect(configText()).toMatch(/- name: ci\n\s+requests_per_minute: 30/);
  });
});

describe('the playground key and the history page', () => {
  it('streams through /v1 as client "playground", found in the history with its attempts', async () => {
    const { body } = await admin<{ key: string }>('/admin/playground/key');
    const response = await fetch(`${harness.relay.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${body.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'openai/gpt-4.1-nano',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      }),
    });
    await response.text();
    const id = response.headers.get('x-relay-request-id');
    await harness.waitForRequest(id);
    const page = await admin<{ total: number; rows: Array<{ id: string; client: string }> }>(
      '/admin/history?client=playground&limit=10',
    );
    expect(page.body.rows[0]).toMatchObject({ id, client: 'playground' });
    const detail = await admin<{ attempts: Array<{ provider: string; status: string }> }>(
      `/admin/history/request?id=${id}`,
    );
    expect(detail.body.attempts).toEqual([expect.objectContaining({ provider: 'openai', status: 'ok' })]);
    const stats = await admin<{ days: Array<{ requests: number }> }>(
      '/admin/history/stats?client=playground',
    );
    expect(stats.body.days.reduce((sum, day) => sum + day.requests, 0)).toBe(page.body.total);
    expect((await admin('/admin/history?status=maybe')).status).toBe(400);
    expect((await admin('/admin/history/request?id=nope')).status).toBe(404);
  });

  it("keeps each failed attempt's upstream message, redacted, and the request's", async () => {
    const upstreamMessage = `The model can't take 'frequency_penalty' here (key ${providerKey} was used)`;
    harness.emulator.inject({
      status: 400,
      body: { error: { message: upstreamMessage, type: 'invalid_request_error', param: null, code: null } },
    });
    const response = await harness.openai.chat.completions
      .create({ model: 'openai/gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse()
      .catch((error: { headers?: Headers }) => error);
    const id = (response as { headers?: Headers }).headers?.get('x-relay-request-id') ?? null;
    await harness.waitForRequest(id);
    const detail = await admin<{ errorMessage?: string; attempts: Array<{ errorMessage?: string }> }>(
      `/admin/history/request?id=${id}`,
    );
    expect(detail.body.attempts[0]!.errorMessage).toContain("The model can't take 'frequency_penalty' here");
    expect(detail.body.errorMessage).toContain("can't take 'frequency_penalty'");
    expect(detail.text).not.toContain(providerKey);
    expect(detail.text).toContain('[redacted]');
  });

  it("gives the playground a model's prices to estimate a streaming answer's cost", async () => {
    const priced = await admin<{ unpriced: boolean; input: number; output: number }>(
      '/admin/price?model=openai/gpt-4.1-nano',
    );
    expect(priced.body).toMatchObject({ unpriced: false, input: 1e-7, output: 4e-7 });
    expect((await admin<{ unpriced: boolean }>('/admin/price?model=nobody/nothing')).body.unpriced).toBe(
      true,
    );
  });

  it('refuses every new endpoint without the admin token', async () => {
    for (const path of ['/admin/history', '/admin/config', '/admin/clients', '/admin/playground/key']) {
      expect((await fetch(`${harness.relay.url}${path}`)).status).toBe(401);
    }
  });
});
