import { describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../relay-core/src/emulator/index.js';
import { useHarness } from '../helpers/relay-harness.js';

// Issue 5's fault suite: a primary that fails in every way an upstream does, a healthy fallback,
// 1,000 requests (half streamed) and not one error reaches a client.
const harness = useHarness({
  firstTokenTimeoutMs: 1000,
  extraProviders: (url) =>
    `  - id: flaky\n    preset: openai\n    base_url: ${url}/v1\n    timeout_ms: 1000\n`,
  // the breaker stays closed, so every request meets the primary's fault
  extraConfig: `  breaker:
    failures: 1000000
routes:
  - name: suite
    targets: [flaky/gpt-4.1-nano, backup/gpt-4.1-nano]
`,
});

const faults: Array<[string, FaultSpec]> = [
  ['429', { status: 429 }],
  ['529', { status: 529 }],
  ['500', { status: 500 }],
  ['reset before headers', { reset: 'before-headers' }],
  ['reset after headers', { reset: 'after-headers' }],
  ['stall before headers', { delayHeadersMs: 5000 }],
  ['stall before the first token', { delayFirstChunkMs: 5000 }],
  ['drop after the opening event', { dropAfterChunks: 1 }],
];

async function one(index: number): Promise<{ ok: boolean; provider: string | null; text: string }> {
  const stream = index % 2 === 1;
  if (!stream) {
    const { data, response } = await harness.openai.chat.completions
      .create({ model: 'suite', messages: [{ role: 'user', content: `request ${index}` }] })
      .withResponse();
    return {
      ok: true,
      provider: response.headers.get('x-relay-provider'),
      text: data.choices[0]?.message.content ?? '',
    };
  }
  const { data: events, response } = await harness.openai.chat.completions
    .create({ model: 'suite', messages: [{ role: 'user', content: `request ${index}` }], stream: true })
    .withResponse();
  let text = '';
  for await (const chunk of events) text += chunk.choices[0]?.delta.content ?? '';
  return { ok: true, provider: response.headers.get('x-relay-provider'), text };
}

describe('fault suite: 1,000 requests against a failing primary with a healthy fallback', () => {
  it('shows no client a single error, streamed or not, and records every failed attempt', async () => {
    const total = 1000;
    for (let i = 0; i < total; i++) harness.emulator.inject(faults[i % faults.length]![1]);
    const errors: string[] = [];
    const results: Array<{ provider: string | null; text: string }> = [];
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const index = next++;
        try {
          results.push(await one(index));
        } catch (error) {
          errors.push(`request ${index}: ${String(error)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));

    expect(errors).toEqual([]);
    expect(results).toHaveLength(total);
    expect(results.every((result) => result.text.length > 0)).toBe(true);
    // the primary really was tried and failed in each way: each fault kind was met
    const met = new Set(
      harness.emulator.calls.flatMap((call) =>
        call.fault ? faults.filter(([, spec]) => spec === call.fault).map(([name]) => name) : [],
      ),
    );
    expect([...met].sort()).toEqual(faults.map(([name]) => name).sort());

    harness.relay.flushHistory();
    const rows = harness.relay.db
      .prepare(
        `SELECT r.status AS status, COUNT(*) AS n FROM requests r WHERE r.requested_model = 'suite' GROUP BY r.status`,
      )
      .all() as Array<{ status: string; n: number }>;
    expect(rows).toEqual([{ status: 'ok', n: total }]);
    const failedAttempts = harness.relay.db
      .prepare(`SELECT COUNT(*) AS n FROM attempts WHERE provider = 'flaky' AND status = 'error'`)
      .get() as { n: number };
    // every answer from the fallback follows one recorded failure of the primary
    const failedOver = results.filter((result) => result.provider === 'backup').length;
    expect(failedOver).toBeGreaterThan(total * 0.6);
    expect(failedAttempts.n).toBe(failedOver);
  }, 120_000);
});
