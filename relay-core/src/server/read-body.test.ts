import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
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
