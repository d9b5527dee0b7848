import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay } from '../../relay-core/src/index.js';
import { createSecretStore } from '../../relay-core/src/secrets/create-secret-store.js';
import { providerKey, startHarness } from '../helpers/relay-harness.js';
import type { Harness } from '../helpers/relay-harness.js';

// A small list in the shape of OpenRouter's public GET /api/v1/models (written for this test, after
// https://openrouter.ai/docs/api-reference/list-available-models): prices are USD per token, as strings.
const openRouterList = {
  data: [
    {
      id: 'acme/brand-new-model',
      name: 'Acme: Brand New Model',
      context_length: 262144,
      architecture: { input_modalities: ['text', 'image'], output_modalities: ['text'] },
      pricing: { prompt: '0.0000004', completion: '0.0000016', input_cache_read: '0.0000001' },
      top_provider: { max_completion_tokens: 32768 },
      supported_parameters: ['tools', 'tool_choice', 'structured_outputs', 'reasoning'],
    },
    {
      id: 'openrouter/auto',
      context_length: 2000000,
      architecture: { input_modalities: ['text'], output_modalities: ['text'] },
      pricing: { prompt: '-1', completion: '-1' },
      supported_parameters: [],
    },
    {
      id: 'acme/painter',
      architecture: { input_modalities: ['text'], output_modalities: ['image'] },
      pricing: { prompt: '0', completion: '0' },
    },
  ],
};

let listServer: Server;
let harness: Harness;
let listUrl: string;

beforeAll(async () => {
  listServer = createServer((request, response) => {
    response.writeHead(request.url === '/api/v1/models' ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(request.url === '/api/v1/models' ? openRouterList : { error: 'not found' }));
  });
  await new Promise<void>((resolve) => listServer.listen(0, '127.0.0.1', resolve));
  listUrl = `http://127.0.0.1:${(listServer.address() as AddressInfo).port}/api/v1/models`;
  harness = await startHarness({ extraConfig: `catalog:\n  openrouter_url: ${listUrl}\n` });
});

afterAll(async () => {
  await harness?.close();
  listServer?.closeAllConnections();
  if (listServer?.listening) await new Promise((resolve) => listServer.close(resolve));
});

function admin(base: string, token: string, path: string, body?: unknown) {
  return fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

interface CatalogAnswer {
  refreshedAt: string | null;
  entries: Array<{ provider: string; model: string; input?: number; source: string; priceDate: string }>;
}

describe('catalog refresh (providers’ /models and OpenRouter’s list)', () => {
  it('adds and re-prices models, reports each source, stores the result and shows its date', async () => {
    const { url, adminToken } = harness.relay;
    const before = (await (
      await admin(url, adminToken, '/admin/catalog?provider=openrouter')
    ).json()) as CatalogAnswer;
    expect(before.refreshedAt).toBeNull();

    const reply = await admin(url, adminToken, '/admin/catalog/refresh', {});
    const text = await reply.text();
    expect(reply.status).toBe(200);
    expect(text).not.toContain(providerKey);
    const report = JSON.parse(text) as {
      refreshedAt: string;
      sources: Array<{ source: string; ok: boolean; models: number; added: number; error?: string }>;
    };
    const bySource = Object.fromEntries(report.sources.map((source) => [source.source, source]));
    // the image-only model is left out; the router with a variable price is listed without one
    expect(bySource.openrouter).toMatchObject({ ok: true, models: 2 });
    expect(bySource.openai).toMatchObject({ ok: true });
    expect(bySource.openai!.models).toBeGreaterThan(0);
    for (const source of report.sources) expect(source.ok || typeof source.error === 'string').toBe(true);

    const after = (await (
      await admin(url, adminToken, '/admin/catalog?provider=openrouter&q=brand-new')
    ).json()) as CatalogAnswer;
    expect(after.refreshedAt).toBe(report.refreshedAt);
    expect(after.entries).toEqual([
      expect.objectContaining({
        model: 'acme/brand-new-model',
        input: 0.0000004,
        source: 'openrouter',
        priceDate: report.refreshedAt.slice(0, 10),
      }),
    ]);
    expect(existsSync(join(harness.home, 'catalog-refresh.json'))).toBe(true);
    expect(readFileSync(join(harness.home, 'catalog-refresh.json'), 'utf8')).not.toContain(providerKey);
  });

  it('keeps the refreshed catalog across a restart', async () => {
    const env = { OPENAI_API_KEY: providerKey, SWITCHBOARD_API_KEY: 'sb-restart' };
    const secrets = await createSecretStore({ home: harness.home, env, useKeychain: false });
    const again = await startRelay({ home: harness.home, port: 0, env, secrets, log: () => undefined });
    try {
      const answer = (await (
        await admin(again.url, again.adminToken, '/admin/catalog?provider=openrouter&q=brand-new')
      ).json()) as CatalogAnswer;
      expect(answer.refreshedAt).not.toBeNull();
      expect(answer.entries.map((entry) => entry.model)).toEqual(['acme/brand-new-model']);
    } finally {
      await again.close();
    }
  });

  it('reports a source that cannot be reached and still refreshes from the others', async () => {
    listServer.closeAllConnections();
    await new Promise((resolve) => listServer.close(resolve));
    const { url, adminToken } = harness.relay;
    const report = (await (await admin(url, adminToken, '/admin/catalog/refresh', {})).json()) as {
      sources: Array<{ source: string; ok: boolean; error?: string }>;
    };
    const bySource = Object.fromEntries(report.sources.map((source) => [source.source, source]));
    expect(bySource.openrouter).toMatchObject({ ok: false, error: expect.any(String) });
    expect(bySource.openai).toMatchObject({ ok: true });
  });
});
