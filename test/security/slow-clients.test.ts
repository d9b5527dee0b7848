import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { clientKey, useHarness } from '../helpers/relay-harness.js';

// Slowloris: clients that hold a connection open by sending their request very slowly must be cut
// off by the server's own timeouts, and must not keep anyone else waiting.
const harness = useHarness({
  extraConfig: `server:
  headers_timeout_ms: 300
  request_timeout_ms: 600
`,
});

interface SlowClient {
  /** Resolves when the relay closes the connection, with what it answered (if anything). */
  closed: Promise<{ status: number; bytesSent: number }>;
  socket: Socket;
}

/** Opens a connection and writes `text` one byte at a time, one every `everyMs`. */
function trickle(text: string, everyMs: number): SlowClient {
  const url = new URL(harness.relay.url);
  const socket = connect(Number(url.port), url.hostname);
  let sent = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  socket.on('connect', () => {
    timer = setInterval(() => {
      if (sent < text.length && socket.writable) socket.write(text[sent++]!);
    }, everyMs);
  });
  let data = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (data += chunk));
  const closed = new Promise<{ status: number; bytesSent: number }>((resolve) => {
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0), bytesSent: sent });
    });
  });
  return { closed, socket };
}

const host = () => new URL(harness.relay.url).host;

function slowHeaders(): string {
  // far more header bytes than the timeout lets through at this pace
  return `POST /v1/chat/completions HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: Bearer ${clientKey}\r\nX-Padding: ${'a'.repeat(5000)}\r\n\r\n`;
}

describe('slow clients (slowloris)', () => {
  it('cuts off a client that sends its headers byte by byte', async () => {
    const headers = slowHeaders();
    const client = trickle(headers, 5);
    const { status, bytesSent } = await client.closed;
    expect(status).toBe(408);
    expect(bytesSent).toBeLessThan(headers.length);
    expect(harness.emulator.calls).toHaveLength(0);
  });

  it('cuts off a request whose body never completes', async () => {
    const url = new URL(harness.relay.url);
    const socket = connect(Number(url.port), url.hostname);
    socket.setEncoding('utf8');
    let data = '';
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', () => undefined);
    socket.on('connect', () =>
      socket.write(
        `POST /v1/chat/completions HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: Bearer ${clientKey}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"model":`,
      ),
    );
    await new Promise((resolve) => socket.on('close', resolve));
    expect(data).toMatch(/^HTTP\/1\.1 408 /);
    expect(harness.emulator.calls).toHaveLength(0);
  });

  it('keeps serving other clients while many slow ones hold connections, then closes them all', async () => {
    const slow = Array.from({ length: 50 }, () => trickle(slowHeaders(), 20));
    await Promise.all(slow.map(({ socket }) => new Promise((resolve) => socket.once('connect', resolve))));
    // the slow clients are all connected and trickling: a normal client is still answered
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        harness.openai.chat.completions.create({
          model: 'gpt-4.1-nano',
          messages: [{ role: 'user', content: 'Invent a holiday.' }],
        }),
      ),
    );
    expect(answers.every((answer) => (answer.choices[0]?.message.content ?? '').length > 0)).toBe(true);
    const results = await Promise.all(slow.map(({ closed }) => closed));
    expect(results.every(({ status }) => status === 408)).toBe(true);
    const open = await new Promise<number>((resolve, reject) =>
      harness.relay.server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
    );
    // only the SDK's idle keep-alive connections remain
    expect(open).toBeLessThanOrEqual(5);
  });
});
