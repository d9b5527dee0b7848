import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/relay-harness.js';

// fastest, hedge, the built-in auto route, aliases and context-length failover, end to end
const harness = useHarness({
  extraConfig: `routes:
  - name: fast
    targets: [openai/gpt-4.1-nano, backup/gpt-4.1-nano]
    strategy: fastest
  - name: hedged
    targets: [openai/gpt-4.1-nano, backup/gpt-4.1-nano]
    strategy: hedge
    hedge_delay_ms: 50
  - name: long
    targets: [openai/gpt-4o-mini, backup/gpt-4o-mini, backup/gpt-4.1-nano]
  - name: small-first
    targets: [backup/gpt-4o-mini, openai/gpt-4.1-nano]
  - name: claude-first
    targets: [anthropic/claude-sonnet-4-5, openai/gpt-4.1-nano]
aliases:
  nano: [openai/gpt-4.1-nano, backup/gpt-4.1-nano]
auto:
  simple: [backup/gpt-4.1-nano]
  complex: [openai/gpt-4.1-nano]
`,
});

const chatCalls = (emulator: typeof harness.emulator) =>
  emulator.calls.filter((call) => call.path === '/v1/chat/completions');

async function ask(model: string, content = 'hi', extra: Record<string, unknown> = {}) {
  const { data, response } = await harness.openai.chat.completions
    .create({ model, messages: [{ role: 'user', content }], ...extra })
    .withResponse();
  return { data, provider: response.headers.get('x-relay-provider'), response };
}

function admin(path: string, body?: unknown) {
  return fetch(`${harness.relay.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${harness.relay.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe('routing strategies', () => {
  it('fastest: moves traffic to the faster upstream within 50 requests after latencies swap', async () => {
    const slow = { match: { model: 'gpt-4.1-nano' }, delayHeadersMs: 200, times: Infinity };
    harness.emulator.inject(slow);
    const before: Array<string | null> = [];
    for (let i = 0; i < 30; i++) before.push((await ask('fast')).provider);
    expect(before.slice(-10).filter((provider) => provider === 'backup').length).toBeGreaterThanOrEqual(9);

    harness.emulator.clearFaults();
    harness.backup.inject(slow);
    const after: Array<string | null> = [];
    for (let i = 0; i < 50; i++) after.push((await ask('fast')).provider);
    expect(after.slice(-10).filter((provider) => provider === 'openai').length).toBeGreaterThanOrEqual(9);
    const health = (await (await admin('/admin/routing/health')).json()) as {
      latency: Array<{ target: string; ttftMs: number }>;
    };
    const latency = Object.fromEntries(health.latency.map((entry) => [entry.target, entry.ttftMs]));
    expect(latency['openai/gpt-4.1-nano']).toBeLessThan(latency['backup/gpt-4.1-nano']!);
  }, 30_000);

  it('hedge: the faster answer wins, the slower upstream sees the abort, both costs are recorded', async () => {
    harness.emulator.inject({ delayHeadersMs: 5000 });
    const { data, provider, response } = await ask('hedged');
    expect(provider).toBe('backup');
    expect(data.choices[0]?.message.content).toBeTruthy();
    expect(response.headers.get('x-relay-attempts')).toBe('2');
    await expect.poll(() => chatCalls(harness.emulator)[0]?.aborted).toBe(true);

    const id = response.headers.get('x-relay-request-id');
    const row = await harness.waitForRequest(id);
    const attempts = harness.relay.db
      .prepare('SELECT provider, status, cost_usd FROM attempts WHERE request_id = ? ORDER BY attempt_index')
      .all(id) as Array<{ provider: string; status: string; cost_usd: number }>;
    expect(attempts.map((attempt) => [attempt.provider, attempt.status])).toEqual([
      ['openai', 'cancelled'],
      ['backup', 'ok'],
    ]);
    expect(attempts[0]!.cost_usd).toBeGreaterThan(0);
    expect(row.cost_usd).toBeCloseTo(attempts[0]!.cost_usd + attempts[1]!.cost_usd, 12);
  });

  it('hedge: a stream whose first token is late is overtaken by the second target', async () => {
    harness.emulator.inject({ delayFirstChunkMs: 5000 });
    const stream = await harness.openai.chat.completions.create({
      model: 'hedged',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text.length).toBeGreaterThan(0);
    expect(chatCalls(harness.backup)).toHaveLength(1);
    await expect.poll(() => chatCalls(harness.emulator)[0]?.aborted).toBe(true);
  });

  it('hedge: a first target that answers in time is the only one asked', async () => {
    const { provider } = await ask('hedged');
    expect(provider).toBe('openai');
    expect(chatCalls(harness.backup)).toHaveLength(0);
  });

  it('auto: a simple request goes to the simple tier, a complex one to the complex tier', async () => {
    expect((await ask('auto', 'Say hello.')).provider).toBe('backup');
    expect((await ask('auto', 'Prove step by step that the square root of 2 is irrational.')).provider).toBe(
      'openai',
    );
    const withTools = (await (
      await admin('/admin/routing/explain', {
        model: 'auto',
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
      })
    ).json()) as { complexity: string; eligible: Array<{ target: string }> };
    expect(withTools.complexity).toBe('complex');
    expect(withTools.eligible.map((entry) => entry.target)).toEqual(['openai/gpt-4.1-nano']);
    const explained = (await (
      await admin('/admin/routing/explain', {
        model: 'auto',
        messages: [{ role: 'user', content: 'Debug this:\n```js\nconst x = 1;\n```' }],
      })
    ).json()) as { complexity: string; complexityReasons: string[]; eligible: Array<{ target: string }> };
    expect(explained.complexity).toBe('complex');
    expect(explained.complexityReasons.join(' ')).toMatch(/code/);
    expect(explained.eligible[0]?.target).toBe('openai/gpt-4.1-nano');
  });

  it('lists each route, alias and the auto route once in GET /v1/models', async () => {
    const ids = (await harness.openai.models.list()).data.map((model) => model.id);
    for (const name of ['fast', 'hedged', 'nano', 'auto'])
      expect(ids.filter((id) => id === name)).toEqual([name]);
  });

  it('aliases: one name served by several providers, with failover between them', async () => {
    expect((await ask('nano')).provider).toBe('openai');
    harness.emulator.inject({ status: 500 });
    expect((await ask('nano')).provider).toBe('backup');
  });

  it('returns a content-policy refusal to the client unless the config opts into failing over', async () => {
    harness.emulator.inject({
      status: 400,
      body: {
        error: {
          message: 'Rejected by the safety system.',
          type: 'invalid_request_error',
          code: 'content_policy_violation',
        },
      },
    });
    const error = (await ask('nano').catch((caught: unknown) => caught)) as {
      status: number;
      message: string;
    };
    expect(error.status).toBe(400);
    expect(error.message).toContain('safety system');
    expect(chatCalls(harness.backup)).toHaveLength(0);
  });

  it('context too long: fails over only to a target with a larger context window', async () => {
    harness.emulator.inject({
      status: 400,
      body: {
        error: {
          message: "This model's maximum context length is 128000 tokens.",
          type: 'invalid_request_error',
          param: 'messages',
          code: 'context_length_exceeded',
        },
      },
    });
    const { provider, response } = await ask('long');
    expect(provider).toBe('backup');
    expect(response.headers.get('x-relay-model')).toContain('gpt-4.1-nano');
    // gpt-4o-mini elsewhere was skipped: its window is no larger than the one that overflowed
    expect(chatCalls(harness.backup).map((call) => (call.body as { model: string }).model)).toEqual([
      'gpt-4.1-nano',
    ]);
  });

  it('never sends a prompt to a target whose context window is too small, and says why', async () => {
    const huge = 'lorem ipsum '.repeat(60_000);
    expect((await ask('small-first', huge)).provider).toBe('openai');
    expect(chatCalls(harness.backup)).toHaveLength(0);
    const explained = (await (
      await admin('/admin/routing/explain', {
        model: 'small-first',
        messages: [{ role: 'user', content: huge }],
      })
    ).json()) as { excluded: Array<{ target: string; reason: string }> };
    expect(explained.excluded).toEqual([
      { target: 'backup/gpt-4o-mini', reason: expect.stringMatching(/context window \(128000 tokens\)/) },
    ]);
  });

  it('passes over a target that cannot honour a parameter for one that can; with none, the 400 names it', async () => {
    const { provider, response } = await ask('claude-first', 'hi', { logit_bias: { '50256': -100 } });
    expect(provider).toBe('openai');
    expect(response.headers.get('x-relay-attempts')).toBe('2');
    expect(harness.emulator.calls.map((call) => call.path)).toEqual(['/v1/chat/completions']);
    expect(harness.emulator.calls[0]!.body).toMatchObject({ logit_bias: { '50256': -100 } });
    // without the parameter, the route's first target serves as before
    expect((await ask('claude-first')).provider).toBe('anthropic');

    const refused = (await ask('anthropic/claude-sonnet-4-5', 'hi', { logit_bias: { '50256': -100 } }).catch(
      (caught: unknown) => caught,
    )) as { status: number; param: string };
    expect(refused).toMatchObject({ status: 400, param: 'logit_bias' });
  });
});
