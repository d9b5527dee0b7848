import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { AbortSwitch } from '../../pipeline/abort-switch.js';
import type { AdapterContext, ResolvedProvider } from '../types.js';
import { readBodyText, sendUpstream } from './send-upstream.js';
import { answeringDispatcher } from './upstream-reply.fixture.js';
import { collectGarbage } from '../../../../test/helpers/collect-garbage.js';

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

function context(onUpstreamWait?: (ms: number) => void): AdapterContext {
  const provider = { id: 'test', timeoutMs: 10_000 } as ResolvedProvider;
  return {
    provider,
    model: 'm',
    apiKey: undefined,
    signal: new AbortSwitch(),
    dispatcher: agent!,
    onUpstreamWait,
  };
}

async function get(url: string, onUpstreamWait?: (ms: number) => void, releaseGraceMs?: number) {
  const reply = await sendUpstream(url, '{}', {}, context(onUpstreamWait), releaseGraceMs);
  return reply.chunks()[Symbol.asyncIterator]();
}

afterEach(async () => {
  connections = 0;
  await agent?.destroy();
  server?.closeAllConnections();
  server?.close();
  server = agent = undefined;
});

describe('an upstream body', () => {
  it('hands out every chunk in order and reports the waits for them', async () => {
    let writer: ServerResponse | undefined;
    const url = await serve((_, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.flushHeaders();
      writer = response;
    });
    const waits: number[] = [];
    const chunks = await get(url, (ms) => waits.push(ms));
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
    const chunks = await get(url);
    const first = await chunks.next();
    expect(Buffer.from(first.value as Uint8Array).toString()).toBe(events.join(''));
  });

  it('reads a large body that was not read at once without losing a byte', async () => {
    // more than the bytes that may wait for the reader: the body is paused, then resumed
    const piece = 'x'.repeat(16 * 1024);
    const url = await serve((_, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 64; i++) response.write(`${i}:${piece}\n`);
      response.end();
    });
    const reply = await sendUpstream(url, '{}', {}, context());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = (await reply.text()).split('\n').filter(Boolean);
    expect(lines).toHaveLength(64);
    expect(lines.every((line, i) => line === `${i}:${piece}`)).toBe(true);
  });

  it('closes the connection of a whole body over the size its reader takes', async () => {
    const serverSawClose = new Promise<boolean>((resolve) => {
      void serve((_, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        const piece = Buffer.alloc(64 * 1024, 'a');
        // the upstream never ends this body
        const pump = () => {
          while (!response.destroyed && response.write(piece));
        };
        response.on('drain', pump);
        pump();
        response.on('close', () => resolve(response.writableEnded));
      }).then(async (url) => {
        const reply = await sendUpstream(url, '{}', {}, context());
        await expect(readBodyText(reply, 'test')).rejects.toThrow(
          'test: upstream answer is larger than 64 MB',
        );
      });
    });
    expect(await serverSawClose).toBe(false);
  });

  it('lets go of a body whose end already arrived without aborting it: the connection is reused', async () => {
    const url = await serve((_, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end('data: {"n":1}\n\ndata: [DONE]\n\n');
    });
    for (let i = 0; i < 3; i += 1) {
      const chunks = await get(url);
      const first = await chunks.next();
      expect(first.done).toBe(false);
      // the reader saw its end mark and stops here, without reading to the body's end
      await chunks.return!();
    }
    expect(connections).toBe(1);
  });

  it('aborts a body that is still open once the grace after letting it go is over', async () => {
    let chunks: AsyncIterator<Uint8Array> | undefined;
    const serverSawClose = new Promise<boolean>((resolve) => {
      void serve((_, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write('data: [DONE]\n\n');
        // the upstream never ends this body
        response.on('close', () => resolve(response.writableEnded));
      }).then(async (url) => {
        chunks = await get(url, undefined, 10);
        await chunks.next();
        await chunks.return!();
      });
    });
    expect(await serverSawClose).toBe(false);
  });

  it('rejects the waiting read when the connection is cut mid-body', async () => {
    const url = await serve((_, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: {"n":1}\n\n', () => response.socket?.destroy());
    });
    const chunks = await get(url);
    const first = await chunks.next();
    expect(Buffer.from(first.value as Uint8Array).toString()).toContain('"n":1');
    await expect(chunks.next()).rejects.toThrow();
  });

  it('calls the request off when its signal aborts: before the headers, and mid-body', async () => {
    let closes = 0;
    let writer: ServerResponse | undefined;
    const url = await serve((request, response) => {
      response.on('close', () => (closes += 1));
      if (request.url === '/slow') return; // never answers
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: {"n":1}\n\n');
      writer = response;
    });
    const waiting = context();
    const reply = sendUpstream(`${url}slow`, '{}', {}, waiting);
    await new Promise((resolve) => setTimeout(resolve, 20));
    (waiting.signal as AbortSwitch).abort();
    await expect(reply).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });

    const streaming = context();
    const chunks = (await sendUpstream(url, '{}', {}, streaming)).chunks()[Symbol.asyncIterator]();
    await chunks.next();
    const next = chunks.next();
    (streaming.signal as AbortSwitch).abort();
    await expect(next).rejects.toThrow();
    await new Promise((resolve) => writer!.on('close', resolve));
    expect(closes).toBe(2);
  });
});

// made here: an error keeps the closures of the frames it was made in (for its stack trace)
const hangUp = new Error('socket hang up');

describe('an upstream exchange that is over', () => {
  // the HTTP client's controller reaches its request and the request's body; the relay keeps the
  // exchange's objects for a while after its request ended (launch-attempt.ts), and they must not
  // keep those with them
  for (const outcome of ['body', 'failure'] as const) {
    it(`lets go of the HTTP client's controller after the ${outcome === 'body' ? "body's end" : 'failure'}`, async () => {
      const { dispatcher, handlers, controllers } = answeringDispatcher({
        status: 200,
        reads: [Buffer.from('data: {}\n\n')],
        failure: outcome === 'failure' ? hangUp : undefined,
      });
      const reply = await sendUpstream('http://127.0.0.1:9/v1', '{}', {}, { ...context(), dispatcher });
      const read = reply.text();
      if (outcome === 'body') expect(await read).toBe('data: {}\n\n');
      else await expect(read).rejects.toThrow();
      await collectGarbage();
      expect(controllers[0]!.deref()).toBeUndefined();
      // the exchange and its body are still held here
      expect(handlers).toHaveLength(1);
      expect(reply.status).toBe(200);
    });
  }
});
