import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RelayError } from '../canonical/errors.js';
import { readJsonBody } from './read-body.js';

const limit = 1024;
const outcomes: Array<Promise<unknown>> = [];
const server = createServer((request, response) => {
  const outcome = readJsonBody(request, limit);
  outcomes.push(outcome);
  outcome.then(
    (body) => response.end(JSON.stringify({ body })),
    (error: unknown) => {
      response.statusCode = error instanceof RelayError ? error.status : 500;
      response.end(error instanceof RelayError ? error.code : 'unexpected');
    },
  );
});
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Sends the body in pieces without a Content-Length (chunked), as streaming clients do. */
function send(pieces: string[]): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, method: 'POST', headers: { 'content-type': 'application/json' } },
      (response: IncomingMessage) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    request.on('error', reject);
    for (const piece of pieces) request.write(piece);
    request.end();
  });
}

describe('readJsonBody', () => {
  it('reads a body sent in pieces', async () => {
    const reply = await send(['{"model":', '"gpt-4.1-nano",', '"messages":[]}']);
    expect(JSON.parse(reply.text)).toEqual({ body: { model: 'gpt-4.1-nano', messages: [] } });
  });

  it('refuses a chunked body once it passes the limit, and still answers', async () => {
    const reply = await send(['{"text":"', 'x'.repeat(limit), '"}']);
    expect(reply).toEqual({ status: 413, text: 'PAYLOAD_TOO_LARGE' });
  });

  it('gives up on a body whose client hangs up before it ends', async () => {
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    request.on('error', () => undefined);
    const before = outcomes.length;
    request.write('{"model":');
    try {
      await expect.poll(() => outcomes.length).toBe(before + 1);
    } finally {
      request.destroy();
    }
    await expect(outcomes[before]).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
  });
});

/** Sends a whole body with its own headers. */
function sendBytes(body: Buffer, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length, ...headers },
      },
      (response: IncomingMessage) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describe('readJsonBody with a compressed body', () => {
  const json = Buffer.from('{"model":"gpt-4.1-nano","input":"hi"}');
  const parsed = { body: { model: 'gpt-4.1-nano', input: 'hi' } };
  const zstdCompress = (zlib as { zstdCompressSync?: (bytes: Buffer) => Buffer }).zstdCompressSync;

  it.each([
    ['gzip', zlib.gzipSync(json)],
    ['deflate', zlib.deflateSync(json)],
    ['br', zlib.brotliCompressSync(json)],
  ])('decodes a %s body', async (coding, body) => {
    const reply = await sendBytes(body, { 'content-encoding': coding });
    expect(JSON.parse(reply.text)).toEqual(parsed);
  });

  it('decodes zstd where this Node can, and refuses it with a 415 where it cannot', async () => {
    if (zstdCompress) {
      const reply = await sendBytes(zstdCompress(json), { 'content-encoding': 'zstd' });
      expect(JSON.parse(reply.text)).toEqual(parsed);
    } else {
      const reply = await sendBytes(json, { 'content-encoding': 'zstd' });
      expect(reply).toEqual({ status: 415, text: 'UNSUPPORTED_MEDIA_TYPE' });
    }
  });

  it('applies the size limit to the decoded body: a small bomb is refused like a large body', async () => {
    const small = zlib.gzipSync(Buffer.from(`{"text":"${'0'.repeat(limit * 4)}"}`));
    expect(small.length).toBeLessThan(limit);
    expect(await sendBytes(small, { 'content-encoding': 'gzip' })).toEqual({
      status: 413,
      text: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('refuses a coding it cannot decode with a 415, and bytes that are not what they claim with a 400', async () => {
    expect(await sendBytes(json, { 'content-encoding': 'compress' })).toEqual({
      status: 415,
      text: 'UNSUPPORTED_MEDIA_TYPE',
    });
    expect(await sendBytes(json, { 'content-encoding': 'gzip' })).toEqual({
      status: 400,
      text: 'BAD_REQUEST',
    });
  });
});
