import type { StateStore } from '../state/state-store.js';
import type { RelayRuntime } from './relay-runtime.js';

/**
 * Makes the runtime's breakers, Retry-After holds and latency statistics shared through the state
 * store: what opens or begins here is told to the other relays, and what they tell is applied
 * here. Requests go on reading the local structures alone. Latency samples are passed along in
 * batches and merged into each relay's own running estimates (no shared summary to read).
 */
export function shareRuntimeState(
  runtime: Pick<RelayRuntime, 'health' | 'keys' | 'latency'>,
  state: StateStore,
): void {
  const scopes = { target: runtime.health, key: runtime.keys.health };
  runtime.health.onChange((change) => state.shareHold({ scope: 'target', ...change }));
  runtime.keys.health.onChange((change) => state.shareHold({ scope: 'key', ...change }));
  state.onHold(({ scope, ...change }) => scopes[scope]?.apply(change));
  runtime.latency.onSample((key, sample) => state.shareLatency({ key, ...sample }));
  state.onLatency((samples) => {
    for (const { key, ...sample } of samples) runtime.latency.merge(key, sample);
  });
}
