import { createServer, request as httpRequest } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import { Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServer } from './close-server.js';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.closeAllConnections();
});

/** A server that answers each request only when the test says so. */
async function heldServer() {
  const held: ServerResponse[] = [];
  const arrived: Array<() => void> = [];
  const server = createServer((_request, response) => {
    held.push(response);
    arrived.shift()?.();
  });
  // as long as the relay's own: a kept-alive connection outlives any drain unless it is closed
  server.keepAliveTimeout = 65_000;
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const agent = new Agent({ keepAlive: true });
  const get = () =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const call = httpRequest({ port, host: '127.0.0.1', path: '/', agent }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += String(chunk)));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        response.on('error', reject);
      });
      call.on('error', reject);
      call.end();
    });
  const nextArrival = () => new Promise<void>((resolve) => arrived.push(resolve));
  return { server, held, get, nextArrival };
}

describe('closeServer', () => {
  it('lets a request in progress finish, then closes', async () => {
    const { server, held, get, nextArrival } = await heldServer();
    const arrival = nextArrival();
    const answer = get();
    await arrival;
    const closing = closeServer(server, 10_000);
    held[0]!.end('finished');
    expect(await answer).toEqual({ status: 200, body: 'finished' });
    const finished = Date.now();
    expect(await closing).toEqual({ cut: 0 });
    // its connection, kept alive for a next request, is closed as soon as the answer is out
    expect(Date.now() - finished).toBeLessThan(2_000);
    expect(server.listening).toBe(false);
  });

  it('does not wait on a kept-alive connection with no request in it', async () => {
    const { server, held, get, nextArrival } = await heldServer();
    const arrival = nextArrival();
    const answer = get();
    await arrival;
    held[0]!.end('done');
    await answer;
    const started = Date.now();
    expect(await closeServer(server, 10_000)).toEqual({ cut: 0 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('cuts a request still running when the bound is reached', async () => {
    const { server, get, nextArrival } = await heldServer();
    const arrival = nextArrival();
    const answer = get();
    await arrival;
    expect(await closeServer(server, 100)).toEqual({ cut: 1 });
    await expect(answer).rejects.toThrow(/socket hang up|ECONNRESET/);
  });
});
