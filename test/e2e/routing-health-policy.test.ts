import type { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/relay-harness.js';

// Retry-After honoured, circuit breakers, data-residency policy (also during failover), explain.
const harness = useHarness({
  extraProviders: (url) =>
    `  - id: eu-backup\n    preset: mistral\n    base_url: ${url}/v1\n    models: [gpt-4.1-nano]\n    headers: { x-test-origin: eu-backup }\n`,
  extraConfig: `  breaker:
    failures: 2
    cooldown_ms: 60000
routes:
  - name: eu-only
    targets: [openai/gpt-4.1-nano, eu-backup/gpt-4.1-nano]
    policy:
      regions: [eu]
`,
});
const ask = (model: string) =>
  harness.openai.chat.completions
    .create({ model, messages: [{ role: 'user', content: 'hi' }] })
    .withResponse();

function admin(path: string, body?: unknown) {
  return fetch(`${harness.relay.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${harness.relay.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe('routing: health and policy', () => {
  it("honours an upstream's Retry-After: the next request does not even try it", async () => {
    harness.emulator.inject({ status: 429, retryAfter: 30 });
    expect((await ask('gpt-4.1-nano')).response.headers.get('x-relay-provider')).toBe('backup');
    const second = await ask('gpt-4.1-nano');
    expect(second.response.headers.get('x-relay-provider')).toBe('backup');
    expect(second.response.headers.get('x-relay-attempts')).toBe('1');
    // the primary saw only the first request
    expect(harness.emulator.calls.filter((call) => call.path === '/v1/chat/completions')).toHaveLength(1);
    const health = (await (await admin('/admin/routing/health')).json()) as {
      targets: Array<{ target: string; retryAfterUntil?: number }>;
    };
    expect(health.targets).toEqual([
      expect.objectContaining({ target: 'openai/gpt-4.1-nano', retryAfterUntil: expect.any(Number) }),
    ]);
  });

  it('answers a 429 with the wait left when every target is rate-limited', async () => {
    harness.emulator.inject({ status: 429, retryAfter: 30 });
    await ask('openai/gpt-4.1-nano').catch(() => undefined);
    const error = (await ask('openai/gpt-4.1-nano').catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBe(429);
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThan(25);
  });

  it('opens the circuit after consecutive failures and shows it in the admin API', async () => {
    harness.emulator.inject({ status: 500, times: 2 });
    await ask('gpt-4.1-nano');
    await ask('gpt-4.1-nano');
    const third = await ask('gpt-4.1-nano');
    expect(third.response.headers.get('x-relay-attempts')).toBe('1');
    expect(harness.emulator.calls.filter((call) => call.path === '/v1/chat/completions')).toHaveLength(2);
    const health = (await (await admin('/admin/routing/health')).json()) as {
      targets: Array<{ target: string; state: string }>;
    };
    expect(health.targets).toEqual([
      expect.objectContaining({ target: 'openai/gpt-4.1-nano', state: 'open' }),
    ]);
  });

  it("never sends a request outside the route's regions, even when the allowed target fails", async () => {
    const { response } = await ask('eu-only');
    expect(response.headers.get('x-relay-provider')).toBe('eu-backup');
    harness.emulator.reset();
    harness.emulator.inject({ status: 503, times: 10 });
    const error = (await ask('eu-only').catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBeGreaterThanOrEqual(500);
    // only the EU provider's calls: the US one was never contacted
    expect(harness.emulator.calls.length).toBeGreaterThan(0);
    expect(harness.emulator.calls.every((call) => call.headers['x-test-origin'] === 'eu-backup')).toBe(true);
    expect(harness.backup.calls).toHaveLength(0);
  });

  it('explains which targets a request would use, and which are excluded and why', async () => {
    harness.emulator.inject({ status: 429, retryAfter: 30 });
    await ask('openai/gpt-4.1-nano').catch(() => undefined);
    const explained = (await (
      await admin('/admin/routing/explain', {
        model: 'gpt-4.1-nano',
        messages: [{ role: 'user', content: 'Hello world' }],
        max_tokens: 100,
      })
    ).json()) as {
      eligible: Array<{ target: string; predictedCostUsd: number }>;
      excluded: Array<{ target: string; reason: string }>;
      estimatedInputTokens: number;
    };
    expect(explained.eligible.map((e) => e.target)).toEqual([
      'backup/gpt-4.1-nano',
      'eu-backup/gpt-4.1-nano',
    ]);
    expect(explained.eligible[0]!.predictedCostUsd).toBeGreaterThan(0);
    expect(explained.excluded).toEqual([
      { target: 'openai/gpt-4.1-nano', reason: expect.stringContaining('Retry-After') },
    ]);
    expect(explained.estimatedInputTokens).toBe(6);

    const policy = (await (
      await admin('/admin/routing/explain', { model: 'eu-only', messages: [{ role: 'user', content: 'hi' }] })
    ).json()) as {
      route: string;
      excluded: Array<{ target: string; reason: string }>;
    };
    expect(policy.route).toBe('eu-only');
    expect(policy.excluded).toEqual([
      { target: 'openai/gpt-4.1-nano', reason: expect.stringContaining('outside the policy (eu)') },
    ]);
  });
});
