import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createCatalog, loadCatalog } from '../catalog/load-catalog.js';
import { resolveProviders } from '../routing/resolve-providers.js';
import type { ProviderConfigEntry } from '../routing/resolve-providers.js';
import { ModelDiscovery } from './model-discovery.js';
import { closedPort } from '../../../test/helpers/free-port.js';

// Shapes after Ollama's docs (GET /api/tags, "List Local Models") and LM Studio's REST API v0 docs
// (GET /api/v0/models); written for this test, trimmed to the fields the relay reads and a few more.
const ollamaTags = {
  models: [
    {
      name: 'llama3.2:latest',
      model: 'llama3.2:latest',
      modified_at: '2026-11-30T10:00:00Z',
      size: 2019393189,
      details: { family: 'llama', parameter_size: '3.2B', quantization_level: 'Q4_K_M' },
    },
    { name: 'my-finetune:7b', model: 'my-finetune:7b', size: 4_100_000_000, details: { family: 'qwen2' } },
    { name: 'nomic-embed-text:latest', model: 'nomic-embed-text:latest', details: { family: 'nomic-bert' } },
  ],
};
const lmStudioModels = {
  object: 'list',
  data: [
    { id: 'qwen3-coder-local', object: 'model', type: 'llm', state: 'loaded', max_context_length: 32768 },
    { id: 'text-embedding-nomic-embed-text-v1.5', object: 'model', type: 'embeddings', state: 'not-loaded' },
  ],
};
const openAIList = {
  object: 'list',
  data: [
    { id: 'gpt-4o-mini', object: 'model', owned_by: 'system' },
    { id: 'ft:gpt-4o-mini:acme::abc123', object: 'model', owned_by: 'acme' },
    { id: 'whisper-1', object: 'model', owned_by: 'system' },
    // a gateway behind the OpenAI preset also serves other providers' models
    { id: 'deepseek-chat', object: 'model', owned_by: 'deepseek' },
  ],
};
const key = 'sk-disc-Qm3Tz8Lw1Nc6Rf9Yd4Gs7Aj2Ue5Io0Pk';

const servers: Server[] = [];
const dispatcher = new Agent();
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
afterAll(() => dispatcher.close());

/** A scripted upstream: each path answers its JSON; anything else 404. */
async function upstream(routes: Record<string, (request: IncomingMessage) => [number, unknown]>) {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(request.url ?? '');
    const route = routes[request.url ?? ''];
    const [status, body] = route ? route(request) : [404, { error: 'not found' }];
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

function discoveryFor(logs: string[], keys: Record<string, string> = {}) {
  return new ModelDiscovery({
    getKey: async (provider) => keys[provider.id],
    dispatcher,
    log: (line) => logs.push(line),
    localTimeoutMs: 1000,
    timeoutMs: 2000,
  });
}

const providers = (...entries: ProviderConfigEntry[]) => resolveProviders(entries);
const catalog = loadCatalog();

describe('model discovery', () => {
  it("lists an Ollama server's pulled models from /api/tags; unknown ones join the catalog at $0", async () => {
    const ollama = await upstream({ '/api/tags': () => [200, ollamaTags] });
    const logs: string[] = [];
    const discovery = discoveryFor(logs);
    const list = providers({ id: 'ollama', base_url: `${ollama.url}/v1` });
    const [result] = await discovery.discover(list);
    expect(result).toMatchObject({ provider: 'ollama', state: 'listed' });
    expect(ollama.seen).toEqual(['/api/tags']);
    // the embedding model is served but is not a chat model
    expect(discovery.chatModels('ollama')).toEqual(['llama3.2:latest', 'my-finetune:7b']);
    const added = discovery.entriesBeyond(catalog, list);
    const finetune = added.find((entry) => entry.model === 'my-finetune:7b');
    expect(finetune).toMatchObject({ provider: 'ollama', mode: 'chat', input: 0, output: 0 });
    expect(added.find((entry) => entry.model === 'nomic-embed-text:latest')?.mode).toBe('embedding');
    expect(logs).toEqual(['discovery: ollama lists 3 models']);
  });

  it('lists an OpenAI-compatible /v1/models with the key; models the catalog lacks stay unpriced', async () => {
    const openai = await upstream({
      '/v1/models': (request) =>
        request.headers.authorization === `Bearer ${key}`
          ? [200, openAIList]
          : [401, { error: { message: 'Incorrect API key provided' } }],
    });
    const logs: string[] = [];
    const list = providers({ id: 'openai', base_url: `${openai.url}/v1` });
    const discovery = discoveryFor(logs, { openai: key });
    await discovery.discover(list);
    // audio models are left out of what a chat relay lists
    expect(discovery.chatModels('openai')).toEqual([
      'gpt-4o-mini',
      'ft:gpt-4o-mini:acme::abc123',
      'deepseek-chat',
    ]);
    // the catalog describes deepseek-chat under DeepSeek: only the fine-tune is new to it
    const added = discovery.entriesBeyond(catalog, list);
    expect(added.map((entry) => entry.model)).toEqual(['ft:gpt-4o-mini:acme::abc123']);
    expect(added[0]!.input).toBeUndefined();
    expect(added[0]!.source).toBe('openai model list');
    const merged = createCatalog({ sources: catalog.sources, entries: [...catalog.entries, ...added] });
    expect(discovery.ownChatModels(list[0]!, merged)).toEqual(['gpt-4o-mini', 'ft:gpt-4o-mini:acme::abc123']);

    const refused = discoveryFor(logs, { openai: 'sk-wrong' });
    const [result] = await refused.discover(list);
    expect(result).toMatchObject({ state: 'failed', error: 'openai answered 401' });
    expect(refused.chatModels('openai')).toBeUndefined();
  });

  it("reads LM Studio's own list for embedding types and context, or its /v1/models on older versions", async () => {
    const current = await upstream({ '/api/v0/models': () => [200, lmStudioModels] });
    const older = await upstream({
      '/v1/models': () => [200, { object: 'list', data: [{ id: 'old-model' }] }],
    });
    const discovery = discoveryFor([]);
    await discovery.discover(
      providers(
        { id: 'lmstudio', base_url: `${current.url}/v1` },
        { id: 'lms-old', preset: 'lmstudio', base_url: `${older.url}/v1` },
      ),
    );
    expect(discovery.of('lmstudio')?.models).toEqual([
      { id: 'qwen3-coder-local', mode: 'chat', contextWindow: 32768 },
      { id: 'text-embedding-nomic-embed-text-v1.5', mode: 'embedding' },
    ]);
    expect(older.seen).toEqual(['/api/v0/models', '/v1/models']);
    expect(discovery.chatModels('lms-old')).toEqual(['old-model']);
  });

  it('reports a local server that is down once, however often it is asked, and again when it is back', async () => {
    const port = await closedPort();
    const logs: string[] = [];
    const discovery = discoveryFor(logs);
    const list = providers({ id: 'ollama', base_url: `http://127.0.0.1:${port}/v1` });
    for (let i = 0; i < 3; i++) await discovery.discover(list);
    expect(discovery.of('ollama')).toMatchObject({ state: 'down', error: 'connection refused' });
    expect(discovery.chatModels('ollama')).toBeUndefined();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(
      /^discovery: ollama \(http:\/\/127\.0\.0\.1:\d+\/v1\) is down: connection refused/,
    );

    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(ollamaTags));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await discovery.discover(list);
    expect(discovery.of('ollama')?.state).toBe('listed');
    expect(logs.slice(1)).toEqual(['discovery: ollama lists 3 models (it is back)']);
  });

  it('skips a provider without a key, and one whose API has no list the relay reads', async () => {
    const discovery = discoveryFor([]);
    const results = await discovery.discover(providers({ id: 'anthropic' }, { id: 'bedrock' }));
    expect(results.map((result) => result.state)).toEqual(['no-key', 'no-key']);
    const keyed = discoveryFor([], { bedrock: 'AKIA:secret' });
    const [bedrock] = await keyed.discover(providers({ id: 'bedrock' }));
    expect(bedrock?.state).toBe('no-list');
  });
});
