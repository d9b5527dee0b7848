import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../relay-core/src/secrets/memory-store.js';
import { loadDesktopClientKey } from './desktop-client-key.js';
import { isPortFree, suggestPort } from './suggest-port.js';

describe('offering another port', () => {
  it('finds a port held by a real listener taken, and offers the next free one', async () => {
    const holder = createServer();
    const taken = await new Promise<number>((resolve) =>
      holder.listen(0, '127.0.0.1', () => resolve((holder.address() as { port: number }).port)),
    );
    try {
      expect(await isPortFree(taken)).toBe(false);
      const free = new Set([taken + 3]);
      expect(await suggestPort(taken, { isFree: async (port) => free.has(port) })).toBe(taken + 3);
      expect(await suggestPort(taken, { isFree: async () => false })).toBeUndefined();
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
    expect(await isPortFree(taken)).toBe(true);
  });
});

describe('desktop client key', () => {
  it('is created once and stays the same across starts', async () => {
    const keychain = createMemoryStore({}, 'keychain');
    const first = await loadDesktopClientKey(keychain);
    expect(first).toMatch(/^sb-[A-Za-z0-9_-]{32}$/);
    expect(await loadDesktopClientKey(keychain)).toBe(first);
    expect(await loadDesktopClientKey(createMemoryStore({}, 'keychain'))).not.toBe(first);
  });
});
