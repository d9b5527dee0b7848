import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { AbortSwitch } from '../../pipeline/abort-switch.js';
import { convertOpenAIError } from '../openai-compatible/openai-error.js';
import type { AdapterContext, ResolvedProvider } from '../types.js';
import { postToUpstream } from './post-to-upstream.js';
import { readBodyText } from './send-upstream.js';

let server: Server | undefined;
let agent: Agent | undefined;

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  agent = new Agent();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`;
}

const context = (): AdapterContext => ({
  provider: { id: 'test', timeoutMs: 10_000 } as ResolvedProvider,
  model: 'm',
  apiKey: undefined,
  signal: new AbortSwitch(),
  dispatcher: agent!,
});

const post = (url: string) =>
  postToUpstream(url, '{}', {}, context(), {
    failed: convertOpenAIError,
    succeeded: (reply) => readBodyText(reply, 'test'),
  });

afterEach(async () => {
  await agent?.destroy();
  server?.closeAllConnections();
  server?.close();
  server = agent = undefined;
});

describe('an upstream call', () => {
  it('hands a 2xx reply to the adapter’s converter', async () => {
    const url = await serve((_, response) => response.end('{"ok":true}'));
    expect(await post(url)).toBe('{"ok":true}');
  });

  it('throws an error status in the provider’s words, with its Retry-After', async () => {
    const url = await serve((_, response) => {
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
      response.end(JSON.stringify({ error: { message: 'Rate limit reached', type: 'requests' } }));
    });
    await expect(post(url)).rejects.toMatchObject({
      code: 'UPSTREAM_RATE_LIMITED',
      upstreamStatus: 429,
      retryAfterMs: 7000,
    });
  });

  it('throws an error status whose body is an HTML page or cut off as that status still', async () => {
    const url = await serve((request, response) => {
      if (request.headers['x-case'] === 'html') {
        response.writeHead(502, { 'content-type': 'text/html' });
        response.end('<html><body>Bad gateway</body></html>');
        return;
      }
      response.writeHead(503, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"error":');
      setImmediate(() => response.destroy());
    });
    const failed = { failed: convertOpenAIError, succeeded: () => 'never' };
    await expect(postToUpstream(url, '{}', { 'x-case': 'html' }, context(), failed)).rejects.toMatchObject({
      code: 'UPSTREAM_SERVER_ERROR',
      upstreamStatus: 502,
    });
    await expect(postToUpstream(url, '{}', { 'x-case': 'cut' }, context(), failed)).rejects.toMatchObject({
      upstreamStatus: 503,
    });
  });
});
