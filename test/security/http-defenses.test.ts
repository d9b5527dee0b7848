import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { clientKey, useHarness } from '../helpers/relay-harness.js';

// What a hostile web page or a sloppy client can throw at the relay's port.
const harness = useHarness();

/** Sends raw HTTP (no client-side path normalisation) and returns the status line and body. */
function raw(request: string): Promise<{ status: number; text: string }> {
  const url = new URL(harness.relay.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.end(request));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () =>
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0), text: data }),
    );
  });
}

const host = () => new URL(harness.relay.url).host;

describe('HTTP defences', () => {
  it.each(['evil.example', `evil.example:${'4141'}`, '127.0.0.1.nip.io', 'localhost.evil.example'])(
    'refuses Host %s (DNS rebinding)',
    async (name) => {
      const reply = await raw(`GET /health HTTP/1.1\r\nHost: ${name}\r\nConnection: close\r\n\r\n`);
      expect(reply.status).toBe(403);
    },
  );

  it('refuses a request with two Host headers, the first of them allowed', async () => {
    const reply = await raw(
      `GET /health HTTP/1.1\r\nHost: ${host()}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
    );
    expect(reply.status).toBe(400);
    expect(reply.text).not.toContain('"status":"ok"');
  });

  it('accepts the loopback names with the right port', async () => {
    const port = new URL(harness.relay.url).port;
    for (const name of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect((await raw(`GET /health HTTP/1.1\r\nHost: ${name}\r\nConnection: close\r\n\r\n`)).status).toBe(
        200,
      );
    }
  });

  it.each([
    '/ui/../package.json',
    '/ui/%2e%2e/package.json',
    '/ui/..%2f..%2fetc%2fpasswd',
    '/ui/%00',
    '/ui/..\\package.json',
  ])('does not serve %s outside the UI folder', async (path) => {
    const reply = await raw(`GET ${path} HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
    expect(reply.text).not.toContain('"name": "switchboard"');
    expect(reply.text).not.toContain('root:x:0');
    expect([301, 308, 400, 404]).toContain(reply.status);
  });

  it('sends no CORS headers to another origin and answers no preflight', async () => {
    const simple = await raw(
      `GET /v1/models HTTP/1.1\r\nHost: ${host()}\r\nOrigin: https://evil.example\r\nAuthorization: Bearer ${clientKey}\r\nConnection: close\r\n\r\n`,
    );
    expect(simple.text.toLowerCase()).not.toContain('access-control-allow-origin');
    const preflight = await raw(
      `OPTIONS /v1/chat/completions HTTP/1.1\r\nHost: ${host()}\r\nOrigin: https://evil.example\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n`,
    );
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    expect(preflight.text.toLowerCase()).not.toContain('access-control-allow');
  });

  it('keeps the admin API closed without the token, even to a client key', async () => {
    const reply = await raw(
      `GET /admin/status HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: Bearer ${clientKey}\r\nConnection: close\r\n\r\n`,
    );
    expect(reply.status).toBe(401);
  });

  it('refuses oversized headers and keeps serving', async () => {
    const reply = await raw(
      `GET /health HTTP/1.1\r\nHost: ${host()}\r\nX-Big: ${'a'.repeat(40_000)}\r\nConnection: close\r\n\r\n`,
    );
    expect(reply.status).toBe(431);
    expect((await fetch(`${harness.relay.url}/health`)).status).toBe(200);
  });

  it('serves a gzip-compressed body, and refuses a coding it cannot decode with a 415', async () => {
    const body = gzipSync(JSON.stringify({ model: 'openai/gpt-4.1-nano', input: 'hi' }));
    const post = (coding: string) =>
      fetch(`${harness.relay.url}/v1/responses`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-encoding': coding,
          authorization: `Bearer ${clientKey}`,
        },
        body,
      });
    const served = await post('gzip');
    expect(served.status).toBe(200);
    expect(((await served.json()) as { object: string }).object).toBe('response');
    // the upstream got plain JSON
    expect(harness.emulator.calls.at(-1)!.body).toMatchObject({ model: 'gpt-4.1-nano' });
    const refused = await post('compress');
    expect(refused.status).toBe(415);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('gzip');
  });
});
