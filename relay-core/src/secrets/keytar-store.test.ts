import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeytarStore } from './keytar-store.js';

// CI runs the suite inside `dbus-run-session` with an unlocked gnome-keyring and sets
// SWITCHBOARD_TEST_KEYCHAIN=1; there this test must run against the real keychain.
const realKeychain = process.env.SWITCHBOARD_TEST_KEYCHAIN === '1';

describe('OS keychain store (keytar + gnome-keyring)', () => {
  it.skipIf(!realKeychain)('stores, lists, reads and deletes a key in the real keychain', async () => {
    const service = `Switchboard-test-${randomUUID()}`;
    const store = await createKeytarStore(service);
    expect(store, 'keytar could not reach the keychain').toBeDefined();
    await store!.set('openai', 'sk-keychain-test-0123456789');
    expect(await store!.get('openai')).toBe('sk-keychain-test-0123456789');
    expect(await store!.list()).toEqual(['openai']);
    expect(await store!.delete('openai')).toBe(true);
    expect(await store!.get('openai')).toBeUndefined();
    expect(await store!.list()).toEqual([]);
  });
});
