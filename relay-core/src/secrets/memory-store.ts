import type { SecretSource, SecretStore } from './types.js';

/** Keys in memory only: tests, and a stand-in keychain (`source: 'keychain'`) for resolver tests. */
export function createMemoryStore(
  initial: Record<string, string> = {},
  source: SecretSource = 'memory',
): SecretStore {
  const keys = new Map(Object.entries(initial));
  return {
    source,
    get: async (provider) => keys.get(provider),
    set: async (provider, key) => {
      keys.set(provider, key);
    },
    delete: async (provider) => keys.delete(provider),
    list: async () => [...keys.keys()].sort(),
  };
}
