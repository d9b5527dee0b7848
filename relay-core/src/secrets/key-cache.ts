import type { NamedKey } from './named-keys.js';

/** A provider's keys as the secret store last gave them, kept for a while. */
export interface KeyCache {
  /**
   * The provider's keys; the store is asked again once the cached answer is older than the limit.
   * A cached answer that has arrived is given as it is, not as a promise.
   */
  keysOf(providerId: string): NamedKey[] | Promise<NamedKey[]>;
  /** Forgets every cached answer (a key was stored or deleted, the config changed). */
  clear(): void;
}

/** The keychain is asked at most once per provider in `maxAgeMs`, not for every request. */
export function createKeyCache(
  keysOf: (providerId: string) => Promise<NamedKey[]>,
  maxAgeMs = 30_000,
  now: () => number = Date.now,
): KeyCache {
  const cache = new Map<string, { keys: Promise<NamedKey[]>; at: number; arrived?: NamedKey[] }>();
  return {
    keysOf(providerId) {
      const cached = cache.get(providerId);
      const at = now();
      if (cached && at - cached.at < maxAgeMs) return cached.arrived ?? cached.keys;
      const entry: { keys: Promise<NamedKey[]>; at: number; arrived?: NamedKey[] } = {
        keys: keysOf(providerId),
        at,
      };
      entry.keys.then(
        (keys) => (entry.arrived = keys),
        () => undefined,
      );
      cache.set(providerId, entry);
      return entry.keys;
    },
    clear: () => cache.clear(),
  };
}
