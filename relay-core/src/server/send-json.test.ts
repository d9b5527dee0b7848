import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { RelayError } from '../canonical/errors.js';
import { encodeOpenAIError } from '../dialects/openai-chat/encode-openai-error.js';
import { createRedactor } from '../secrets/redact.js';
import { sendJson, toClientError } from './send-json.js';

const key = 'sk-lk-SECRET789abcdef';
const redactor = createRedactor();
redactor.add(key);

describe('toClientError', () => {
  it("drops an upstream's param that holds a key, and scrubs the message", () => {
    const upstream = new RelayError('UPSTREAM_AUTH', `lk: Incorrect API key provided: ${key}`, {
      param: `Bearer ${key}`,
      provider: 'lk',
      upstreamStatus: 401,
    });
    const { error, message } = toClientError(upstream, redactor);
    expect(encodeOpenAIError(error, message)).toEqual({
      error: {
        message: 'lk: Incorrect API key provided: [redacted]',
        type: 'server_error',
        param: null,
        code: 'upstream_auth',
      },
    });
    expect(error.status).toBe(502);
  });

  it('keeps a param that names a request field, the status and the retry-after', () => {
    const upstream = new RelayError('UPSTREAM_BAD_REQUEST', 'bad role', {
      param: 'messages[0].role',
      status: 422,
      retryAfterMs: 2000,
    });
    const { error } = toClientError(upstream, redactor);
    expect([error.param, error.status, error.retryAfterMs]).toEqual(['messages[0].role', 422, 2000]);
    // a field name that is a piece of a key is no field name
    expect(
      toClientError(new RelayError('BAD_REQUEST', 'x', { param: key.slice(0, 12) }), redactor).error.param,
    ).toBe(undefined);
  });

  it('cuts a message an upstream filled with a whole prompt', () => {
    const { message } = toClientError(new RelayError('UPSTREAM_BAD_REQUEST', 'x'.repeat(100_000)), redactor);
    expect(message.length).toBeLessThan(5000);
  });
});

describe('sendJson', () => {
  it('hands the socket the head and the body in one write, and the client gets both', async () => {
    // each piece handed to the socket separately is a system call and a wake-up of the client
    const writes: number[] = [];
    const server = createServer((request, response) => {
      const socket = request.socket as Socket & {
        _write: (...args: unknown[]) => void;
        _writev: (chunks: unknown[], callback: unknown) => void;
      };
      const { _write: write, _writev: writev } = socket;
      socket._write = (...args: unknown[]) => {
        writes.push(1);
        write.apply(socket, args);
      };
      socket._writev = (chunks: unknown[], callback: unknown) => {
        writes.push(chunks.length);
        writev.call(socket, chunks, callback);
      };
      sendJson(response, 200, { answer: 'é'.repeat(10) }, { 'x-relay-request-id': 'req_1' });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const reply = await fetch(`http://127.0.0.1:${port}/`);
      expect(reply.headers.get('x-relay-request-id')).toBe('req_1');
      expect(await reply.json()).toEqual({ answer: 'é'.repeat(10) });
      expect(writes).toEqual([1]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
