import { describe, expect, it } from 'vitest';
import { RelayError } from '../canonical/errors.js';
import type { ProviderAdapter } from '../providers/types.js';
import { ProviderHealth } from '../routing/provider-health.js';
import { resolveProviders } from '../routing/resolve-providers.js';
import { KeyPool } from './key-pool.js';
import type { RelayRuntime } from './relay-runtime.js';
import { callSideModel, planSideCall } from './side-call-targets.js';

function runtimeWith(health = new ProviderHealth({ failures: 1, cooldownMs: 60_000 })) {
  return {
    providers: resolveProviders([
      { id: 'us', preset: 'openai', enabled: true },
      { id: 'eu', preset: 'openai', region: 'eu', enabled: true },
      { id: 'eu-2', preset: 'openai', region: 'eu', enabled: true },
    ]),
    routes: [],
    policy: {},
    health,
    serves: () => true,
    getKey: async () => 'key',
    keys: new KeyPool(async () => [{ name: 'default', key: 'key', source: 'env' as const }], {
      failures: 1,
      cooldownMs: 60_000,
    }),
    adapterFor: () => ({ send: async () => ({}) }) as unknown as ProviderAdapter,
    dispatcher: undefined,
    fallback: { on: ['server_error'], maxAttempts: 3 },
    now: () => 0,
    wallClock: () => 0,
  } as unknown as RelayRuntime;
}

describe('side calls', () => {
  it("keep to the request's regions, saying why the others are left out", () => {
    const plan = planSideCall(runtimeWith(), 'gpt-4o-mini', { regions: ['eu'] });
    expect(plan.eligible.map((target) => target.provider.id)).toEqual(['eu', 'eu-2']);
    expect(plan.excluded).toEqual([
      { target: 'us/gpt-4o-mini', reason: "region 'us' is outside the request's policy (eu)" },
    ]);
    expect(planSideCall(runtimeWith(), 'us/gpt-4o-mini', { regions: ['eu'] }).eligible).toEqual([]);
  });

  it('skip a target whose circuit is open, and count their own failures for the breaker', async () => {
    const runtime = runtimeWith();
    const tried: string[] = [];
    const call = () =>
      callSideModel(
        runtime,
        'gpt-4o-mini',
        { regions: ['eu'] },
        () => true,
        async (target) => {
          tried.push(target.provider.id);
          if (target.provider.id === 'eu') throw new RelayError('UPSTREAM_SERVER_ERROR', 'down');
          return target.provider.id;
        },
      );
    expect(await call()).toBe('eu-2');
    // one failure opens this breaker: the next call goes straight to eu-2
    expect(await call()).toBe('eu-2');
    expect(tried).toEqual(['eu', 'eu-2', 'eu-2']);
    await expect(
      callSideModel(
        runtime,
        'us/gpt-4o-mini',
        { regions: ['eu'] },
        () => true,
        async () => 'never',
      ),
    ).rejects.toThrow(
      /no target may serve 'us\/gpt-4o-mini' for this request: us\/gpt-4o-mini \(region 'us' is outside/,
    );
  });
});
