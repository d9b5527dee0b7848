import { createRedisState } from './redis-state-store.js';
import type { RedisStateOptions } from './redis-state-store.js';
import { memoryState } from './state-store.js';
import type { StateStore } from './state-store.js';

/** The state store config's `storage.state` names: this process's memory, or a Redis URL. */
export function createStateStore(setting: string, options: RedisStateOptions = {}): StateStore {
  return setting === 'memory' ? memoryState : createRedisState(setting, options);
}
