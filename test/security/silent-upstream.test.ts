import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/relay-harness.js';

// A provider that accepts the connection and never answers (issue 30, finding 2): whole and
// streamed requests fail over once their deadline passed, and the breaker opens on the timeouts.
const deadlineMs = 400;
const harness = useHarness({
  firstTokenTimeoutMs: deadlineMs,
  firstByteTimeoutMs: deadlineMs,
  extraProviders: (url) => `  - id: flaky\n    preset: openai\n    base_url: ${url}/v1\n`,
  extraConfig: `  breaker:
    failures: 3
    cooldown_ms: 600000
routes:
  - name: silent-first
    targets: [flaky/gpt-4.1-nano, backup/gpt-4.1-nano]
`,
});

interface Attempt {
  provider: string;
  error_code: string | null;
  latency_ms: number;
}

async function ask(stream: boolean): Promise<{ id: string | null; provider: string | null; text: string }> {
  const body = { model: 'silent-first', messages: [{ role: 'user' as const, content: 'Say hi.' }] };
  if (!stream) {
    const { data, response } = await harness.openai.chat.completions.create(body).withResponse();
    return {
      id: response.headers.get('x-relay-request-id'),
      provider: response.headers.get('x-relay-provider'),
      text: data.choices[0]?.message.content ?? '',
    };
  }
  const { data, response } = await harness.openai.chat.completions
    .create({ ...body, stream: true })
    .withResponse();
  let text = '';
  for await (const chunk of data) text += chunk.choices[0]?.delta.content ?? '';
  return {
    id: response.headers.get('x-relay-request-id'),
    provider: response.headers.get('x-relay-provider'),
    text,
  };
}

function attemptsOf(id: string | null): Attempt[] {
  return harness.relay.db
    .prepare('SELECT provider, error_code, latency_ms FROM attempts WHERE request_id = ? ORDER BY rowid')
    .all(id) as Attempt[];
}

describe('a silent provider', () => {
  it('holds no request past its deadline: whole and streamed requests fail over, and the breaker opens', async () => {
    harness.emulator.inject({ delayHeadersMs: 600_000, times: -1 });
    for (const stream of [false, true, false]) {
      const answer = await ask(stream);
      expect(answer.provider).toBe('backup');
      expect(answer.text.length).toBeGreaterThan(0);
      await harness.waitForRequest(answer.id);
      const [silent, backup] = attemptsOf(answer.id);
      expect(silent).toMatchObject({ provider: 'flaky', error_code: 'UPSTREAM_TIMEOUT' });
      // the relay's own timer: the deadline, and not more than 50 ms past it
      expect(silent!.latency_ms).toBeGreaterThanOrEqual(deadlineMs);
      expect(silent!.latency_ms).toBeLessThan(deadlineMs + 50);
      expect(backup).toMatchObject({ provider: 'backup', error_code: null });
    }
    // three timeouts in a row opened the circuit: the next request does not wait on it at all
    const calls = harness.emulator.calls.length;
    const answer = await ask(true);
    expect(answer.provider).toBe('backup');
    await harness.waitForRequest(answer.id);
    expect(attemptsOf(answer.id).map((attempt) => attempt.provider)).toEqual(['backup']);
    expect(harness.emulator.calls.length).toBe(calls);
    expect(harness.relay.runtime.health.snapshot()).toEqual([
      expect.objectContaining({
        target: 'flaky/gpt-4.1-nano',
        state: 'open',
        lastError: 'UPSTREAM_TIMEOUT',
      }),
    ]);
  });
});
