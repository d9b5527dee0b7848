import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay } from '../../relay-core/src/index.js';
import type { RelayHandle } from '../../relay-core/src/index.js';
import { defaultConfigText } from '../../relay-core/src/config/default-config.js';
import { parseConfig } from '../../relay-core/src/config/load-config.js';
import { describeFirstStart } from '../../relay-core/src/discovery/describe-first-start.js';
import { createSecretStore } from '../../relay-core/src/secrets/create-secret-store.js';
import { createMemoryStore } from '../../relay-core/src/secrets/memory-store.js';
import { startEmulator } from '../../relay-core/src/emulator/index.js';
import type { Emulator } from '../../relay-core/src/emulator/index.js';
import { providerKey } from '../helpers/relay-harness.js';
import { closedPort } from '../helpers/free-port.js';

const clientKey = 'sb-first-start-client';
const keychainKey = 'AIzaFirstStartQm3Tz8Lw1Nc6Rf9Yd4Gs7Aj2';

// An Ollama in the shape of its docs (GET /api/tags; chat through its OpenAI-compatible /v1),
// written for this test with a model no catalog knows.
function startOllama(): Promise<{ server: Server; host: string; chats: unknown[] }> {
  const chats: unknown[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += String(chunk)));
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      if (request.method === 'GET' && request.url === '/api/tags') {
        response.end(JSON.stringify({ models: [{ name: 'house-model:8b', details: { family: 'llama' } }] }));
      } else if (request.method === 'POST' && request.url === '/v1/chat/completions') {
        chats.push(JSON.parse(body));
        response.end(
          JSON.stringify({
            id: 'chatcmpl-local',
            object: 'chat.completion',
            created: 1_700_000_000,
            model: 'house-model:8b',
            choices: [
              { index: 0, message: { role: 'assistant', content: 'hi from ollama' }, finish_reason: 'stop' },
            ],
            usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 },
          }),
        );
      } else {
        response.statusCode = 404;
        response.end('{"error":"not found"}');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, host: `127.0.0.1:${(server.address() as AddressInfo).port}`, chats }),
    ),
  );
}

let emulator: Emulator;
let ollama: Awaited<ReturnType<typeof startOllama>>;
let home: string;
let env: NodeJS.ProcessEnv;
let relay: RelayHandle | undefined;
const logs: string[] = [];

/** The relay as the desktop app starts it: env keys, and a keychain holding the Gemini key. */
async function start(): Promise<RelayHandle> {
  const secrets = await createSecretStore({
    home,
    env,
    keychain: createMemoryStore({ gemini: keychainKey }, 'keychain'),
  });
  return startRelay({ home, port: 0, env, secrets, log: (line) => logs.push(line) });
}

beforeAll(async () => {
  emulator = await startEmulator({ expectedKey: providerKey });
  ollama = await startOllama();
  home = mkdtempSync(join(tmpdir(), 'switchboard-first-'));
  env = {
    HOME: home,
    SWITCHBOARD_API_KEY: clientKey,
    OPENAI_API_KEY: providerKey,
    OPENAI_BASE_URL: `${emulator.url}/v1`,
    ANTHROPIC_API_KEY: providerKey,
    ANTHROPIC_BASE_URL: emulator.url,
    GOOGLE_GEMINI_BASE_URL: emulator.url,
    OLLAMA_HOST: ollama.host,
    // LM Studio is not running
    SWITCHBOARD_BASE_URL_LMSTUDIO: `http://127.0.0.1:${await closedPort()}/v1`,
  };
});

afterAll(async () => {
  await relay?.close();
  await emulator?.close();
  ollama?.server.closeAllConnections();
  await new Promise((resolve) => ollama?.server.close(resolve));
  rmSync(home, { recursive: true, force: true });
});

async function chat(model: string) {
  const response = await fetch(`${relay!.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { choices: Array<{ message: { content: string } }> },
  };
}

describe('first start without config.yaml', () => {
  it('writes a commented config.yaml with the providers found, never a key', async () => {
    relay = await start();
    const text = readFileSync(join(home, 'config.yaml'), 'utf8');
    expect(text).not.toContain(providerKey);
    expect(text).not.toContain(keychainKey);
    // the default's comments stay; the found providers are listed with how they were found
    expect(text).toContain('# Switchboard configuration.');
    expect(text).toMatch(/- id: openai +# key from OPENAI_API_KEY, base URL from OPENAI_BASE_URL\n/);
    expect(text).toMatch(/- id: gemini +# key in the OS keychain, base URL from GOOGLE_GEMINI_BASE_URL\n/);
    expect(text).toMatch(/- id: ollama +# answered on 127\.0\.0\.1:\d+ \(from OLLAMA_HOST\), 1 model\n/);
    const config = parseConfig(text);
    expect(config.providers.map(({ id, base_url }) => ({ id, base_url }))).toEqual([
      { id: 'anthropic', base_url: `${emulator.url}/v1` },
      { id: 'gemini', base_url: `${emulator.url}/v1beta` },
      { id: 'openai', base_url: `${emulator.url}/v1` },
      { id: 'ollama', base_url: `http://${ollama.host}/v1` },
    ]);
    expect(relay.firstStart?.providers.map((provider) => provider.id)).toEqual([
      'anthropic',
      'gemini',
      'openai',
      'ollama',
    ]);
    const printed = describeFirstStart(relay.firstStart!, relay.configPath).join('\n');
    expect(printed).toContain(`First start: wrote ${relay.configPath} with what this machine has:`);
    expect(printed).toMatch(/ollama +answered on/);
    expect(printed).not.toContain(providerKey);
    expect(printed).not.toContain(keychainKey);
  });

  it("serves the found providers' models at once, the local server's included", async () => {
    // no waiting for the background discovery: the catalog and the first start's probe answer
    const listing = await fetch(`${relay!.url}/v1/models`, {
      headers: { authorization: `Bearer ${clientKey}` },
    });
    const ids = ((await listing.json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
    for (const id of ['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4-5', 'ollama/house-model:8b'])
      expect(ids).toContain(id);

    const openai = await chat('openai/gpt-4.1-nano');
    expect(openai.status).toBe(200);
    expect(openai.headers.get('x-relay-provider')).toBe('openai');
    const local = await chat('ollama/house-model:8b');
    expect(local.status).toBe(200);
    expect(local.body.choices[0]!.message.content).toBe('hi from ollama');
    // a model of a keyless server on this machine costs nothing, rather than being unpriced
    expect(local.headers.get('x-relay-cost-usd')).toBe('0');
    expect(ollama.chats).toHaveLength(1);
  });

  it('shows discovered models as served in the model browser and each provider state', async () => {
    await relay!.discovery.settled();
    const admin = async <T>(path: string, body?: unknown) =>
      (await (
        await fetch(`${relay!.url}${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { authorization: `Bearer ${relay!.adminToken}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        })
      ).json()) as T;
    const browser = await admin<{
      entries: Array<{ model: string; providerIds: string[]; free: boolean; discovered?: boolean }>;
    }>('/admin/catalog?provider=ollama&q=house');
    expect(browser.entries).toEqual([
      expect.objectContaining({
        model: 'house-model:8b',
        providerIds: ['ollama'],
        free: true,
        discovered: true,
      }),
    ]);
    const status = await admin<{
      providers: Array<{ id: string; discovery?: { state: string; models: number } }>;
    }>('/admin/status');
    const byId = Object.fromEntries(status.providers.map((provider) => [provider.id, provider.discovery]));
    expect(byId.ollama).toMatchObject({ state: 'listed', models: 1 });
    expect(byId.openai).toMatchObject({ state: 'listed' });
    expect(byId.openai!.models).toBeGreaterThan(0);

    const again = await admin<{ providers: Array<{ id: string; state: string }> }>(
      '/admin/models/discover',
      {},
    );
    expect(again.providers.find((provider) => provider.id === 'ollama')).toMatchObject({ state: 'listed' });
  });

  it('leaves the written config.yaml alone on the next start, byte for byte', async () => {
    const before = readFileSync(join(home, 'config.yaml'));
    await relay!.close();
    // a new key appears between the starts: the existing file is the user's, not redone
    env = { ...env, DEEPSEEK_API_KEY: providerKey };
    relay = await start();
    expect(relay.firstStart).toBeUndefined();
    expect(readFileSync(join(home, 'config.yaml')).equals(before)).toBe(true);
    expect(relay.runtime.providers.map((provider) => provider.id)).not.toContain('deepseek');
  });

  it('writes the plain default and says how to add a provider when the machine has none', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'switchboard-first-'));
    const port = await closedPort();
    const bare = {
      HOME: empty,
      OLLAMA_HOST: `127.0.0.1:${port}`,
      SWITCHBOARD_BASE_URL_LMSTUDIO: `http://127.0.0.1:${port}`,
    };
    const secrets = await createSecretStore({ home: empty, env: bare, keychain: null });
    const lonely = await startRelay({ home: empty, port: 0, env: bare, secrets, log: () => undefined });
    try {
      expect(readFileSync(join(empty, 'config.yaml'), 'utf8')).toBe(defaultConfigText);
      const printed = describeFirstStart(lonely.firstStart!, lonely.configPath).join('\n');
      expect(printed).toContain('no provider key or local server was found');
      expect(printed).toContain('No provider is configured yet. To add one:');
    } finally {
      await lonely.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('shows a local server that is down once, as a state, not once per request', async () => {
    const port = await closedPort();
    logs.length = 0;
    const added = await fetch(`${relay!.url}/admin/providers/add`, {
      method: 'POST',
      headers: { authorization: `Bearer ${relay!.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'lmstudio', base_url: `http://127.0.0.1:${port}/v1` }),
    });
    expect(added.status).toBe(200);
    // the new provider's list is asked for in the background after the reload
    await relay!.discovery.settled();
    for (let i = 0; i < 3; i++)
      expect((await chat('lmstudio/qwen3-coder-local')).status).toBeGreaterThanOrEqual(500);
    const status = (await (
      await fetch(`${relay!.url}/admin/status`, { headers: { authorization: `Bearer ${relay!.adminToken}` } })
    ).json()) as { providers: Array<{ id: string; discovery?: { state: string; error?: string } }> };
    expect(status.providers.find((provider) => provider.id === 'lmstudio')?.discovery).toMatchObject({
      state: 'down',
      error: 'connection refused',
    });
    expect(logs.filter((line) => line.includes('lmstudio'))).toEqual([
      expect.stringMatching(
        /^discovery: lmstudio \(http:\/\/127\.0\.0\.1:\d+\/v1\) is down: connection refused/,
      ),
    ]);
  });
});
