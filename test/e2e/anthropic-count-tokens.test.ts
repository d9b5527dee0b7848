import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientKey, providerKey, useHarness } from '../helpers/relay-harness.js';

// POST /v1/messages/count_tokens is routed like /v1/messages and counted by the target's own
// counting endpoint (Anthropic, Gemini, Bedrock), else estimated; x-relay-token-count says which.
// The counting upstreams are plain HTTP servers that record what they were asked.

interface Asked {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}
const asked: Asked[] = [];
let failWith: number | undefined;
let counter: Server;
let counterUrl = '';

beforeAll(async () => {
  counter = createServer((request, response) => {
    // the relay lists a provider's models on start (GET /v1/models): this upstream lists none
    if (request.method !== 'POST') {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      asked.push({ path, headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString()) });
      response.setHeader('content-type', 'application/json');
      if (failWith) {
        response.statusCode = failWith;
        response.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'down' } }));
      } else if (path.endsWith('/messages/count_tokens')) response.end('{"input_tokens":4242}');
      else if (path.endsWith(':countTokens')) response.end('{"totalTokens":777}');
      else if (path.endsWith('/count-tokens')) response.end('{"inputTokens":555}');
      else response.writeHead(404).end('{}');
    });
  });
  await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
  counterUrl = `http://127.0.0.1:${(counter.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => counter.close(resolve)));
beforeEach(() => {
  asked.length = 0;
  failWith = undefined;
});

// the providers are named after keys the harness already holds
const harness = useHarness({
  extraProviders: () => `  - id: flaky
    preset: anthropic
    base_url: ${counterUrl}/v1
  - id: eu-backup
    preset: gemini
    base_url: ${counterUrl}/v1beta
  - id: bedrock
    base_url: ${counterUrl}
`,
  extraConfig: 'routes:\n  - name: agent-route\n    targets: [flaky/claude-sonnet-4-5]\n',
});

const claudeCode = JSON.parse(
  readFileSync(
    new URL(
      '../../relay-core/src/dialects/anthropic-messages/__fixtures__/claude-code-first-turn.json',
      import.meta.url,
    ),
    'utf8',
  ),
) as { headers: Record<string, string>; body: Record<string, unknown> };
// a count's body: the request without what only generation takes
const { max_tokens: _max, stream: _stream, ...countBody } = claudeCode.body;

async function count(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${harness.relay.url}/v1/messages/count_tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': clientKey, ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Asked['body'],
  };
}

describe('count_tokens counts where the request would go', () => {
  it("routes Claude Code's count to the Anthropic target's count_tokens, with its own body and betas", async () => {
    const counted = await count({ ...countBody, model: 'agent-route' }, claudeCode.headers);
    expect(counted.status).toBe(200);
    expect(counted.body).toEqual({ input_tokens: 4242 });
    expect(counted.headers.get('x-relay-token-count')).toBe('exact');
    expect(counted.headers.get('x-relay-provider')).toBe('flaky');
    expect(counted.headers.get('x-relay-model')).toBe('claude-sonnet-4-5');
    expect(counted.headers.get('x-relay-request-id')).toBeTruthy();
    expect(asked).toHaveLength(1);
    expect(asked[0]!.path).toBe('/v1/messages/count_tokens');
    expect(asked[0]!.body).toEqual({ ...countBody, model: 'claude-sonnet-4-5' });
    expect(asked[0]!.headers['anthropic-beta']).toBe(claudeCode.headers['anthropic-beta']);
    expect(asked[0]!.headers['x-api-key']).toBe(providerKey);
  });

  it("asks Gemini's countTokens with the whole request it would send, system instruction and tools too", async () => {
    const counted = await count({ ...countBody, model: 'eu-backup/gemini-2.5-pro' });
    expect(counted.body).toEqual({ input_tokens: 777 });
    expect(counted.headers.get('x-relay-token-count')).toBe('exact');
    expect(asked[0]!.path).toBe('/v1beta/models/gemini-2.5-pro:countTokens');
    const request = asked[0]!.body.generateContentRequest;
    expect(request.model).toBe('models/gemini-2.5-pro');
    expect(request.systemInstruction.parts.length).toBeGreaterThan(0);
    expect(request.tools[0].functionDeclarations.length).toBeGreaterThan(0);
  });

  it("asks Bedrock's CountTokens with the Converse request, signed", async () => {
    const counted = await count({
      ...countBody,
      model: 'bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0',
    });
    expect(counted.body).toEqual({ input_tokens: 555 });
    expect(counted.headers.get('x-relay-token-count')).toBe('exact');
    expect(asked[0]!.path).toBe(
      `/model/${encodeURIComponent('us.anthropic.claude-sonnet-4-20250514-v1:0')}/count-tokens`,
    );
    expect(Object.keys(asked[0]!.body.input.converse)).toEqual(
      expect.arrayContaining(['messages', 'system']),
    );
    expect(String(asked[0]!.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 /);
  });

  it('estimates for a target that cannot count, and says so', async () => {
    const counted = await count({
      model: 'openai/gpt-4.1-nano',
      messages: [{ role: 'user', content: 'Hello world' }],
    });
    expect(counted.body).toEqual({ input_tokens: 6 });
    expect(counted.headers.get('x-relay-token-count')).toBe('estimated');
    expect(counted.headers.get('x-relay-provider')).toBe('openai');
  });

  it('estimates when the counting upstream fails, without a history row or a mark on its health', async () => {
    const recorded = () =>
      (harness.relay.db.prepare('SELECT COUNT(*) AS n FROM requests').get() as { n: number }).n;
    harness.relay.flushHistory();
    const before = recorded();
    failWith = 529;
    for (let attempt = 0; attempt < 6; attempt++) {
      const counted = await count({ ...countBody, model: 'flaky/claude-sonnet-4-5' });
      expect(counted.status).toBe(200);
      expect(counted.headers.get('x-relay-token-count')).toBe('estimated');
      expect(counted.body.input_tokens).toBeGreaterThan(100);
    }
    harness.relay.flushHistory();
    expect(recorded()).toBe(before);
    // still the first target: six failed counts opened no circuit
    expect((await count({ ...countBody, model: 'agent-route' })).headers.get('x-relay-provider')).toBe(
      'flaky',
    );
  });

  it("refuses what Anthropic refuses, in Anthropic's words and shape", async () => {
    const refused = await count({ model: 'agent-route' });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'messages: Field required' },
    });
    expect(refused.headers.get('x-relay-request-id')).toBeTruthy();
    const unknown = await count({ model: 'nobody/none', messages: [{ role: 'user', content: 'hi' }] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.type).toBe('not_found_error');
  });

  it("counts a Gemini client's countTokens at its target too, in Gemini's shape", async () => {
    const gemini = (model: string, body: Record<string, unknown>) =>
      fetch(`${harness.relay.url}/v1beta/models/${encodeURIComponent(model)}:countTokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': clientKey },
        body: JSON.stringify(body),
      });
    const contents = [{ role: 'user', parts: [{ text: 'How many tokens is this?' }] }];
    const exact = await gemini('eu-backup/gemini-2.5-flash', { contents });
    expect(exact.status).toBe(200);
    expect(await exact.json()).toEqual({ totalTokens: 777 });
    expect(exact.headers.get('x-relay-token-count')).toBe('exact');
    expect(exact.headers.get('x-relay-provider')).toBe('eu-backup');
    expect(asked.at(-1)?.path).toContain('/models/gemini-2.5-flash:countTokens');
    // Anthropic counts a Gemini client's prompt as well, converted
    const converted = await gemini('agent-route', { generateContentRequest: { contents } });
    expect(await converted.json()).toEqual({ totalTokens: 4242 });
    expect(converted.headers.get('x-relay-token-count')).toBe('exact');
    const refused = await gemini('agent-route', { contents: 'not a list' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { status: string } }).error.status).toBe('INVALID_ARGUMENT');
  });
});
