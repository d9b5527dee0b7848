import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeytarStore } from './keytar-store.js';
import type { KeytarModule, KeytarStoreOptions } from './keytar-store.js';

// CI runs the suite inside `dbus-run-session` with an unlocked gnome-keyring and sets
// SWITCHBOARD_TEST_KEYCHAIN=1; there this test must run, against the real keychain.
const realKeychain = process.env.SWITCHBOARD_TEST_KEYCHAIN === '1';
const skipReason = 'skipped unless SWITCHBOARD_TEST_KEYCHAIN=1, in a D-Bus session with an unlocked keyring';

describe('OS keychain store (keytar + gnome-keyring)', () => {
  const account = `switchboard-test-${randomUUID()}`;
  let created: Awaited<ReturnType<typeof createKeytarStore>>;

  afterEach(async () => {
    await created?.delete(account);
  });

  it.skipIf(!realKeychain)(
    `stores, lists, reads and deletes a key in the real keychain (${skipReason})`,
    async () => {
      let reason = '';
      created = await createKeytarStore({ onUnavailable: (why) => (reason = why) });
      expect(created, `keytar could not reach the keychain: ${reason}`).toBeDefined();
      const store = created!;
      expect(store.source).toBe('keychain');
      await store.set(account, 'sk-keychain-test-0123456789');
      expect(await store.get(account)).toBe('sk-keychain-test-0123456789');
      expect(await store.list()).toContain(account);
      expect(await store.delete(account)).toBe(true);
      expect(await store.get(account)).toBeUndefined();
      expect(await store.list()).not.toContain(account);
    },
  );
});

describe('keychain availability', () => {
  function fake(findCredentials: KeytarModule['findCredentials']): KeytarStoreOptions['load'] {
    return async () => ({
      findCredentials,
      getPassword: async () => null,
      setPassword: async () => undefined,
      deletePassword: async () => false,
    });
  }

  it('is undefined, with the reason, when keytar cannot be loaded', async () => {
    const reasons: string[] = [];
    const store = await createKeytarStore({
      load: () => Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file')),
      onUnavailable: (reason) => reasons.push(reason),
    });
    expect(store).toBeUndefined();
    expect(reasons).toEqual(['libsecret-1.so.0: cannot open shared object file']);
  });

  it('is undefined when the keychain refuses the probe (no D-Bus session)', async () => {
    const load = fake(() => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')));
    expect(await createKeytarStore({ load })).toBeUndefined();
  });

  it('is undefined when the probe never answers (a locked keyring waiting for a prompt)', async () => {
    const reasons: string[] = [];
    const load = fake(() => new Promise(() => undefined));
    const store = await createKeytarStore({ load, probeTimeoutMs: 1, onUnavailable: (r) => reasons.push(r) });
    expect(store).toBeUndefined();
    expect(reasons[0]).toMatch(/did not answer within 1 ms/);
  });

  it('uses the Switchboard service with the provider id as account', async () => {
    const calls: string[] = [];
    const store = await createKeytarStore({
      load: async () => ({
        findCredentials: async (service) => {
          calls.push(`find ${service}`);
          return [
            { account: 'openai', password: 'x' },
            { account: 'anthropic', password: 'y' },
          ];
        },
        getPassword: async (service, account) => (calls.push(`get ${service} ${account}`), null),
        setPassword: async (service, account) => void calls.push(`set ${service} ${account}`),
        deletePassword: async () => false,
      }),
    });
    expect(await store!.list()).toEqual(['anthropic', 'openai']);
    expect(await store!.get('openai')).toBeUndefined();
    await store!.set('openai', 'sk-x');
    expect(calls).toEqual([
      'find Switchboard',
      'find Switchboard',
      'get Switchboard openai',
      'set Switchboard openai',
    ]);
  });
});
