import type { SecretStore } from './types.js';

/** Keys in memory only (tests, and a keychain stand-in). */
export function createMemoryStore(
  initial: Record<string, string> = {},
  source: SecretStore['source'] = 'memory',
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
