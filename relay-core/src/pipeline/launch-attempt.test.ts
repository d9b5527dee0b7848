import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, StreamEvent } from '../canonical/types.js';
import type { ProviderAdapter, ResolvedProvider } from '../providers/types.js';
import { sourceFromIterable } from '../providers/shared/stream-source.js';
import { AbortSwitch } from './abort-switch.js';
import { launchAttempt } from './launch-attempt.js';
import { KeyPool } from './key-pool.js';
import type { RelayRuntime } from './relay-runtime.js';
import { ProviderHealth } from '../routing/provider-health.js';
import { collectGarbage } from '../../../test/helpers/collect-garbage.js';

async function* answer(): AsyncGenerator<StreamEvent> {
  yield { type: 'message_start', id: 'msg_1', model: 'm', created: 0 };
  yield { type: 'part_start', index: 0, part: { type: 'text' } };
  yield { type: 'text_delta', index: 0, text: 'hi' };
  yield { type: 'finish', reason: 'stop' };
}

const adapter: ProviderAdapter = {
  send: (request) =>
    Promise.resolve(
      request.stream
        ? { kind: 'stream', events: sourceFromIterable(answer()) }
        : {
            kind: 'response',
            response: { id: 'msg_1', model: 'm', created: 0, content: [], finishReason: 'stop' },
          },
    ),
};

const runtime = {
  keys: new KeyPool(async () => [{ name: 'default', key: 'key', source: 'memory' }], {
    failures: 5,
    cooldownMs: 30_000,
  }),
  adapterFor: () => adapter,
  catalogEntry: () => undefined,
  wallClock: () => Date.now(),
  now: () => performance.now(),
  fallback: { firstTokenTimeoutMs: 8000, firstByteTimeoutMs: 60_000 },
  health: new ProviderHealth({ failures: 5, cooldownMs: 30_000 }),
} as unknown as RelayRuntime;
const target = {
  provider: { id: 'p', preset: { keyless: true, adapter: 'openai-compatible' } } as ResolvedProvider,
  model: 'm',
};

/** A request as big as a coding agent's, which only `launchAttempt` ever sees. */
function agentSizedRequest(stream: boolean): CanonicalRequest {
  return {
    model: 'm',
    stream,
    includeUsage: true,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'file contents\n'.repeat(6000) }] }],
  };
}

describe('launchAttempt', () => {
  // A finished attempt's closures (its abort switch's listeners, the upstream handler's callbacks)
  // outlive the request in V8's young generation until a full collection: if they held the
  // request, every request's whole tree would be promoted and pile up until then.
  for (const stream of [true, false]) {
    it(`lets the request go once sent, while its attempt lives on (${stream ? 'stream' : 'whole answer'})`, async () => {
      let request: CanonicalRequest | undefined = agentSizedRequest(stream);
      const gone = new WeakRef(request);
      const run = await launchAttempt(runtime, request, target, [], new AbortSwitch(), true);
      request = undefined;
      if (!('outcome' in run)) throw new Error(run.error.message);
      const { result } = await run.outcome;
      if (result?.kind === 'stream') {
        let next = result.first;
        while (!next.done) next = result.pull() ?? (await result.next());
      }
      await collectGarbage();
      expect(gone.deref()).toBeUndefined();
      // the attempt's closures are still reachable here, as they are for the relay's young generation
      expect(run.dispatchedAt()).toBeUndefined();
      expect(result).toBeDefined();
    });
  }
});
