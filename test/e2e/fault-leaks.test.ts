import { Pool } from 'undici';
import type { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../relay-core/src/emulator/index.js';
import { fullGc } from '../helpers/collect-garbage.js';
import { clientKey, useHarness } from '../helpers/relay-harness.js';

// After upstreams that stall before their headers, answer with multi-MB bodies or streams, reset
// mid-stream, and clients that hang up mid-stream, the relay is back to idle: no connection left
// open on either side, no request stuck in the upstream pool, no timer left behind, no memory kept.
const harness = useHarness({
  firstTokenTimeoutMs: 1000,
  extraProviders: (url) =>
    `  - id: flaky\n    preset: openai\n    base_url: ${url}/v1\n    timeout_ms: 300\n`,
  extraConfig: `  breaker:
    failures: 1000000
routes:
  - name: suite
    targets: [flaky/gpt-4.1-nano, backup/gpt-4.1-nano]
`,
});

const hugeText = 'All work and no play. '.repeat(200_000); // 4.4 MB
const hugeCompletion: FaultSpec = {
  status: 200,
  body: {
    id: 'chatcmpl-huge',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4.1-nano',
    choices: [{ index: 0, message: { role: 'assistant', content: hugeText }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: 1_000_000, total_tokens: 1_000_010 },
  },
};
const hugeStream: FaultSpec = {
  status: 200,
  headers: { 'content-type': 'text/event-stream' },
  body:
    Array.from(
      { length: 4000 },
      (_, index) =>
        `data: ${JSON.stringify({
          id: 'chatcmpl-huge',
          object: 'chat.completion.chunk',
          created: 1,
          model: 'gpt-4.1-nano',
          choices: [
            {
              index: 0,
              delta: index === 0 ? { role: 'assistant', content: '' } : { content: 'x'.repeat(1000) },
              finish_reason: null,
            },
          ],
        })}\n\n`,
    ).join('') + 'data: [DONE]\n\n',
};

interface Outcome {
  status: number;
  bytes: number;
  provider: string | undefined;
}

async function send(pool: Pool, stream: boolean, abortAfterFirstChunk = false): Promise<Outcome> {
  const controller = new AbortController();
  const reply = await pool.request({
    path: '/v1/chat/completions',
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${clientKey}` },
    body: JSON.stringify({ model: 'suite', messages: [{ role: 'user', content: 'hi' }], stream }),
    signal: controller.signal,
  });
  let bytes = 0;
  try {
    for await (const chunk of reply.body) {
      bytes += (chunk as Buffer).length;
      if (abortAfterFirstChunk) controller.abort();
    }
  } catch (error) {
    if (!abortAfterFirstChunk) throw error;
  }
  const provider = reply.headers['x-relay-provider'];
  return { status: reply.statusCode, bytes, provider: typeof provider === 'string' ? provider : undefined };
}

/** `count` requests in parallel, each meeting `fault` at the primary. */
async function phase(pool: Pool, fault: FaultSpec, count: number, stream: boolean, abort = false) {
  for (let index = 0; index < count; index++) harness.emulator.inject({ ...fault });
  return Promise.all(Array.from({ length: count }, () => send(pool, stream, abort)));
}

async function round(pool: Pool) {
  const slow = await phase(pool, { delayHeadersMs: 2000 }, 6, false);
  expect(slow.every((outcome) => outcome.status === 200 && outcome.provider === 'backup')).toBe(true);
  const slowStreams = await phase(pool, { delayHeadersMs: 2000 }, 6, true);
  expect(slowStreams.every((outcome) => outcome.status === 200 && outcome.provider === 'backup')).toBe(true);
  const huge = await phase(pool, hugeCompletion, 4, false);
  expect(huge.every((outcome) => outcome.status === 200 && outcome.bytes > hugeText.length)).toBe(true);
  const hugeStreams = await phase(pool, hugeStream, 4, true);
  expect(hugeStreams.every((outcome) => outcome.status === 200 && outcome.bytes > 3_990_000)).toBe(true);
  await phase(pool, hugeStream, 4, true, true);
  await phase(pool, { dropAfterChunks: 20 }, 4, true);
  await phase(pool, { reset: 'after-headers' }, 4, false);
}

function openConnections(): Promise<number> {
  return new Promise((resolve, reject) =>
    harness.relay.server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}

function upstreamPool() {
  const stats = Object.values((harness.relay.runtime.dispatcher as Agent).stats);
  return {
    running: stats.reduce((sum, stat) => sum + stat.running, 0),
    pending: stats.reduce((sum, stat) => sum + stat.pending, 0),
    queued:
      'queued' in (stats[0] ?? {})
        ? stats.reduce((sum, stat) => sum + ('queued' in stat ? stat.queued : 0), 0)
        : 0,
  };
}

const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

function heapMb(): number {
  fullGc();
  fullGc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

describe('after faults, slow and huge upstream answers, the relay is back to idle', () => {
  it('leaves no socket open, no upstream request running, no timer and no memory behind', async () => {
    const pool = new Pool(harness.relay.url, { connections: 8 });
    await round(pool);
    const heapAfterFirst = heapMb();
    const timersAfterFirst = timers();
    for (let index = 0; index < 2; index++) await round(pool);
    harness.relay.flushHistory();

    // nothing is still running upstream; clients that hung up had their upstream cut too
    expect(upstreamPool()).toEqual({ running: 0, pending: 0, queued: 0 });
    const abandoned = harness.emulator.calls.filter((call) => !call.finished && !call.aborted && !call.fault);
    expect(abandoned).toEqual([]);
    expect(timers()).toBeLessThanOrEqual(timersAfterFirst + 2);
    // about 45 MB went through in the two later rounds; none of it is kept
    expect(heapMb() - heapAfterFirst).toBeLessThan(8);

    await pool.close();
    await expect.poll(openConnections, { timeout: 2000 }).toBe(0);
  }, 60_000);
});
