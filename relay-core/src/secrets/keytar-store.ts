import type { SecretStore } from './types.js';

/** The keychain service name (account = provider id). */
export const keychainService = 'Switchboard';

interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

/**
 * The OS keychain through keytar (macOS Keychain, Windows Credential Vault, libsecret on Linux).
 * keytar is optional: when it is not installed, cannot load libsecret, or no keychain answers
 * (no D-Bus session, locked), this returns undefined and the caller falls back.
 */
export async function createKeytarStore(service = keychainService): Promise<SecretStore | undefined> {
  let keytar: KeytarModule;
  try {
    const loaded = (await import('keytar')) as unknown as KeytarModule & { default?: KeytarModule };
    keytar = loaded.default ?? loaded;
    await keytar.findCredentials(service);
  } catch {
    return undefined;
  }
  return {
    source: 'keychain',
    get: async (provider) => (await keytar.getPassword(service, provider)) ?? undefined,
    set: (provider, key) => keytar.setPassword(service, provider, key),
    delete: (provider) => keytar.deletePassword(service, provider),
    list: async () => (await keytar.findCredentials(service)).map((credential) => credential.account).sort(),
  };
}
