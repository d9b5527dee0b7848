import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientKey, useHarness } from '../helpers/relay-harness.js';

// The relay writes a stream's events in batches (one write per upstream read) and waits for a
// client that reads slowly: every event still arrives, in order, and the wait is the client's.
const harness = useHarness();

const events = 6000;
const piece = (index: number) => `${String(index).padStart(5, '0')}${'x'.repeat(2000)}`;
const bigStream = Array.from({ length: events }, (_, index) =>
  JSON.stringify({
    id: 'chatcmpl-big',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4.1-nano',
    choices: [{ index: 0, delta: { content: piece(index) }, finish_reason: null }],
  }),
)
  .concat(
    JSON.stringify({
      id: 'chatcmpl-big',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'gpt-4.1-nano',
      choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
    }),
    '[DONE]',
  )
  .map((data) => `data: ${data}\n\n`)
  .join('');

/**
 * Streams a chat request; stops reading for `pauseMs` after the first bytes, then reads on (or,
 * with `hangUp`, closes the connection instead).
 */
function streamSlowly(pauseMs: number, hangUp = false): Promise<{ id: string; body: string }> {
  const url = new URL(harness.relay.url);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: '/v1/chat/completions',
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${clientKey}` },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let paused = false;
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          if (paused) return;
          paused = true;
          response.pause();
          setTimeout(() => {
            if (!hangUp) response.resume();
            else {
              request.destroy();
              resolve({ id: String(response.headers['x-relay-request-id']), body: '' });
            }
          }, pauseMs);
        });
        response.on('end', () =>
          resolve({
            id: String(response.headers['x-relay-request-id']),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(
      JSON.stringify({
        model: 'gpt-4.1-nano',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      }),
    );
  });
}

describe('stream delivery', () => {
  it('delivers every event of a 12 MB stream, in order, to a client that stops reading for a while', async () => {
    harness.emulator.inject({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: bigStream,
    });
    const pauseMs = 500;
    const { id, body } = await streamSlowly(pauseMs);
    const frames = body.split('\n\n').filter((frame) => frame.startsWith('data: '));
    expect(frames.at(-1)).toBe('data: [DONE]');
    const content = frames
      .slice(0, -1)
      .map((frame) => JSON.parse(frame.slice(6)) as { choices: Array<{ delta: { content?: string } }> })
      .map((chunk) => chunk.choices[0]?.delta.content ?? '')
      .join('');
    expect(content).toBe(Array.from({ length: events }, (_, index) => piece(index)).join(''));
    const row = await harness.waitForRequest(id);
    expect(row.status).toBe('ok');
    // the client's pause is in the request's latency, not in the relay's own time (which here
    // also holds the emulator's and this client's work: they share the process)
    const latency = row.latency_ms as number;
    const overhead = row.overhead_ms as number;
    expect(latency).toBeGreaterThanOrEqual(pauseMs);
    expect(latency - overhead).toBeGreaterThanOrEqual(pauseMs * 0.8);
  });

  it('records a client that stops reading and then hangs up as closed, and is idle again after', async () => {
    harness.emulator.inject({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: bigStream,
    });
    const { id } = await streamSlowly(200, true);
    const row = await harness.waitForRequest(id);
    expect(row.status).toBe('client_closed');
    // the relay still answers the next stream in full
    const { body } = await streamSlowly(0);
    expect(body.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });
});
