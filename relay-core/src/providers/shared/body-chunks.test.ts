import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { bodyChunks } from './body-chunks.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let server: Server | undefined;
let agent: Agent | undefined;
let connections = 0;

async function serve(handler: Handler): Promise<string> {
  server = createServer(handler);
  server.on('connection', () => (connections += 1));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  // one connection per origin: a second one is opened only when the first was torn down
  agent = new Agent({ keepAliveTimeout: 10_000, connections: 1 });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

async function get(url: string) {
  return request(url, { dispatcher: agent });
}

afterEach(async () => {
  connections = 0;
  await agent?.destroy();
  server?.closeAllConnections();
  server?.close();
  server = agent = undefined;
});

describe('bodyChunks', () => {
  it('hands out every chunk in order and reports the waits for them', async () => {
    let writer: ServerResponse | undefined;
    const url = await serve((_, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.flushHeaders();
      writer = response;
    });
    const reply = await get(url);
    const waits: number[] = [];
    const chunks = bodyChunks(reply.body, (ms) => waits.push(ms));
    const received: string[] = [];
    for (const piece of ['one ', 'two ', 'three']) {
      const next = chunks.next();
      writer!.write(piece);
      const read = await next;
      expect(read.done).toBe(false);
      received.push(Buffer.from(read.value as Uint8Array).toString());
    }
    const end = chunks.next();
    writer!.end();
    expect(await end).toEqual({ done: true, value: undefined });
    expect(received.join('')).toBe('one two three');
    expect(waits.length).toBeGreaterThanOrEqual(3);
    expect(waits.every((ms) => ms >= 0)).toBe(true);
  });

  it('hands out what one socket read brought as one chunk, however many HTTP chunks it held', async () => {
    // an upstream writes each SSE event in an HTTP chunk of its own; the relay works (and writes to
    // its client) per read, so a chunk per event would mean a write per event
    const events = Array.from({ length: 50 }, (_, i) => `data: {"n":${i}}\n\n`);
    const url = await serve((_, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.flushHeaders();
      response.cork();
      for (const event of events) response.write(event);
      response.end();
      response.uncork();
    });
    const reply = await get(url);
    const chunks = bodyChunks(reply.body);
    const first = await chunks.next();
    expect(Buffer.from(first.value as Uint8Array).toString()).toBe(events.join(''));
  });

  it('lets go of a body whose end already arrived without aborting it: the connection is reused', async () => {
    const url = await serve((_, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end('data: {"n":1}\n\ndata: [DONE]\n\n');
    });
    for (let i = 0; i < 2; i += 1) {
      const reply = await get(url);
      const closed = once(reply.body, 'close');
      const chunks = bodyChunks(reply.body);
      const first = await chunks.next();
      expect(first.done).toBe(false);
      // the reader saw its end mark and stops here, without reading to the body's end
      await chunks.return!();
      await closed;
      expect(reply.body.errored).toBeNull();
    }
    expect(connections).toBe(1);
  });

  it('aborts a body that is still open once the grace after letting it go is over', async () => {
    const serverSawClose = new Promise<boolean>((resolve) => {
      void serve((_, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write('data: [DONE]\n\n');
        // the upstream never ends this body
        response.on('close', () => resolve(response.writableEnded));
      }).then((url) => void start(url));
    });
    let body: Awaited<ReturnType<typeof get>>['body'] | undefined;
    const start = async (url: string) => {
      const reply = await get(url);
      body = reply.body;
      const chunks = bodyChunks(reply.body, undefined, 10);
      await chunks.next();
      await chunks.return!();
    };
    expect(await serverSawClose).toBe(false);
    expect(body!.destroyed).toBe(true);
  });

  it('rejects the waiting read when the connection is cut mid-body', async () => {
    const url = await serve((_, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: {"n":1}\n\n', () => response.socket?.destroy());
    });
    const reply = await get(url);
    const chunks = bodyChunks(reply.body);
    const first = await chunks.next();
    expect(Buffer.from(first.value as Uint8Array).toString()).toContain('"n":1');
    await expect(chunks.next()).rejects.toThrow();
  });
});
