import { describe, expect, it } from 'vitest';
import { RelayError } from '../canonical/errors.js';
import type { FallbackClass } from '../canonical/retry-rules.js';
import type { ResolvedProvider } from '../providers/types.js';
import { ProviderHealth } from '../routing/provider-health.js';
import type { Target } from '../routing/resolve-targets.js';
import { tryTargets } from './attempt-engine.js';
import type { Tried } from './attempt-engine.js';
import type { RelayRuntime } from './relay-runtime.js';

const windows: Record<string, number> = { small: 8_000, large: 200_000, medium: 32_000 };
const target = (id: string): Target => ({ provider: { id } as ResolvedProvider, model: 'm' }) as Target;

function runtimeWith(on: FallbackClass[] = ['server_error', 'context_length']) {
  return {
    fallback: { on, maxAttempts: 3 },
    health: new ProviderHealth({ failures: 1, cooldownMs: 60_000 }),
    contextWindow: (provider: ResolvedProvider) => windows[provider.id],
  } as unknown as RelayRuntime;
}

/** Runs the engine over targets whose step answers from `outcomes`, recording the order tried. */
async function run(runtime: RelayRuntime, ids: string[], outcomes: Record<string, RelayError | 'ok'>) {
  const tried: string[] = [];
  const result = await tryTargets(runtime, ids.map(target), async (next): Promise<Tried<string>> => {
    tried.push(next.provider.id);
    const outcome = outcomes[next.provider.id]!;
    return outcome === 'ok' ? { served: next.provider.id } : { failed: [[next, outcome]] };
  });
  return { tried, result };
}

describe('the attempt engine', () => {
  it('fails over on what the retry rules allow, and counts it against the target', async () => {
    const runtime = runtimeWith();
    const { tried, result } = await run(runtime, ['small', 'large'], {
      small: new RelayError('UPSTREAM_SERVER_ERROR', 'down'),
      large: 'ok',
    });
    expect(tried).toEqual(['small', 'large']);
    expect(result).toEqual({ served: 'large' });
    expect(runtime.health.unavailable('small/m')).toMatch(/circuit open/);
  });

  it('stops at an error that does not fail over, and the client gets it', async () => {
    const runtime = runtimeWith();
    const auth = new RelayError('UPSTREAM_AUTH', 'bad key');
    const { tried, result } = await run(runtime, ['small', 'large'], { small: auth, large: 'ok' });
    expect(tried).toEqual(['small']);
    expect(result).toEqual({ error: auth });
    // a rejected key says nothing of the upstream's health
    expect(runtime.health.unavailable('small/m')).toBeUndefined();
  });

  it('after a prompt too long, tries only targets with a larger context window', async () => {
    const { tried } = await run(runtimeWith(), ['medium', 'small', 'large'], {
      medium: new RelayError('UPSTREAM_CONTEXT_TOO_LONG', 'too long'),
      small: 'ok',
      large: 'ok',
    });
    expect(tried).toEqual(['medium', 'large']);
  });

  it("gives a target's refusal only when no other target could serve the request", async () => {
    const refusal = new RelayError('BAD_REQUEST', 'no such parameter', { param: 'top_k' });
    const down = new RelayError('UPSTREAM_SERVER_ERROR', 'down');
    expect((await run(runtimeWith(), ['small', 'large'], { small: refusal, large: down })).result).toEqual({
      error: down,
    });
    expect((await run(runtimeWith(), ['small'], { small: refusal })).result).toEqual({ error: refusal });
  });
});
