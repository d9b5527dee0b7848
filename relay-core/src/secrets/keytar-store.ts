import type { SecretStore } from './types.js';

/** The keychain service name (account = provider id). */
export const keychainService = 'Switchboard';

/** The part of keytar's API the store uses; tests pass a stand-in through `load`. */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export interface KeytarStoreOptions {
  /** Keychain service name; default `Switchboard`. */
  service?: string;
  /** How long the start-up probe may take before the keychain counts as unavailable (default 3 s). */
  probeTimeoutMs?: number;
  /** Told why the keychain is not used (keytar missing, libsecret missing, no D-Bus, locked). */
  onUnavailable?: (reason: string) => void;
  /** Loads keytar; default a dynamic `import('keytar')`. */
  load?: () => Promise<KeytarModule>;
}

async function importKeytar(): Promise<KeytarModule> {
  // keytar is an optionalDependency with a native build: it may be absent or fail to load libsecret
  const loaded = (await import('keytar')) as unknown as KeytarModule & { default?: KeytarModule };
  return loaded.default ?? loaded;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The OS keychain through keytar (macOS Keychain, Windows Credential Vault, libsecret on Linux).
 * keytar is optional: when it is not installed, cannot load libsecret, or no keychain answers the
 * probe (no D-Bus session, a locked keyring waiting for a prompt), this resolves to undefined and
 * the caller falls back to environment variables and the encrypted file.
 */
export async function createKeytarStore(options: KeytarStoreOptions = {}): Promise<SecretStore | undefined> {
  const service = options.service ?? keychainService;
  let keytar: KeytarModule;
  try {
    keytar = await (options.load ?? importKeytar)();
    // a locked gnome-keyring can wait forever for an unlock prompt that no one will answer
    await withTimeout(keytar.findCredentials(service), options.probeTimeoutMs ?? 3000, 'the OS keychain');
  } catch (error) {
    options.onUnavailable?.(error instanceof Error ? error.message : String(error));
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
