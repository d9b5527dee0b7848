import type { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness } from '../helpers/relay-harness.js';
import type { Harness } from '../helpers/relay-harness.js';
import { startRedis, storesRequired, storesSkipReason } from '../helpers/team-stores.js';
import type { StoreServer } from '../helpers/team-stores.js';

// Two relays with `storage.state` on one private Redis, each with its own emulators and history:
// what they share must come through Redis. gpt-4.1-nano's recorded answer costs about $0.000147.
describe.skipIf(!storesRequired)(`two relays on one Redis (${storesSkipReason})`, () => {
  let redis: StoreServer;
  let relays: Harness[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    const extraConfig = `storage:
  state: ${redis.url}
clients:
  - name: env
    spend_per_day_usd: 0.0004
cache:
  max_size_mb: 4
`;
    relays = [await startHarness({ extraConfig }), await startHarness({ extraConfig })];
    for (const relay of relays)
      await vi.waitFor(() => expect(stateOf(relay)).resolves.toMatchObject({ shared: true }), {
        timeout: 10_000,
      });
  });
  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.close()));
    await redis?.stop();
  });

  async function stateOf(relay: Harness): Promise<unknown> {
    const response = await fetch(`${relay.relay.url}/admin/status`, {
      headers: { authorization: `Bearer ${relay.relay.adminToken}` },
    });
    return ((await response.json()) as { state: unknown }).state;
  }

  const ask = (relay: Harness, content: string, maxTokens?: number) =>
    relay.openai.chat.completions
      .create({
        model: 'openai/gpt-4.1-nano',
        messages: [{ role: 'user', content }],
        temperature: 0,
        ...(maxTokens === undefined ? {} : { max_tokens: maxTokens }),
      })
      .withResponse()
      .then(
        ({ response }) => `200 ${response.headers.get('x-relay-cache')}`,
        (error: APIError) => `${error.status} ${error.message}`,
      );

  it('serves an answer bought through one relay from the cache of the other, and holds one budget', async () => {
    const [a, b] = relays as [Harness, Harness];
    expect(await ask(a, 'Name a river.', 10)).toBe('200 miss');
    await vi.waitFor(async () => expect(await ask(b, 'Name a river.', 10)).toBe('200 hit-exact'));
    expect(b.emulator.calls).toHaveLength(0);

    expect(await ask(a, 'Name a mountain.', 10)).toBe('200 miss');
    // $0.000294 spent through the first relay: the second refuses what would pass the budget
    await vi.waitFor(async () =>
      expect(await ask(b, 'Name a lake.')).toMatch(/^429 .*would pass its budget of \$0\.0004/),
    );
    expect(b.emulator.calls).toHaveLength(0);
  });

  it('keeps answering while Redis is down, says state is local, and shares again when it is back', async () => {
    const [a] = relays as [Harness, Harness];
    await redis.kill();
    await vi.waitFor(() => expect(stateOf(a)).resolves.toMatchObject({ kind: 'redis', shared: false }));
    // this relay alone has spent $0.000294 of its own budget: a short request still fits
    expect(await ask(a, 'Name a sea.', 10)).toBe('200 miss');
    const status = JSON.stringify(await stateOf(a));
    expect(status).toContain(redis.url);
    // not ready (a load balancer's rollout waits), yet serving
    const ready = await fetch(`${a.relay.url}/ready`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({
      status: 503,
      body: { status: 'unavailable', stores: { sqlite: 'ok', redis: 'failing' } },
    });
    await redis.restart();
    await vi.waitFor(() => expect(stateOf(a)).resolves.toMatchObject({ shared: true }), { timeout: 10_000 });
    expect((await fetch(`${a.relay.url}/ready`)).status).toBe(200);
  });
});
