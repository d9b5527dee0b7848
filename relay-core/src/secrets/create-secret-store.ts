import { join } from 'node:path';
import { createEncryptedFileStore, secretsFileName } from './encrypted-file-store.js';
import { createEnvStore } from './env-store.js';
import { createKeytarStore } from './keytar-store.js';
import { redactor as defaultRedactor } from './redact.js';
import type { Redactor } from './redact.js';
import type { SecretSource, SecretStore } from './types.js';
import { defaultKeyName, parseKeyAccount } from './named-keys.js';
import type { NamedKey } from './named-keys.js';

/** The writable store plus lookups that say where each key came from. */
export interface SecretResolver extends SecretStore {
  /** The key for a provider from the first store that has one, and which store that was. */
  resolve(provider: string): Promise<{ key: string; source: SecretSource } | undefined>;
  /** Every provider id with a key anywhere, with the store that wins for it; never the keys. */
  describe(): Promise<Array<{ provider: string; source: SecretSource }>>;
  /**
   * Every key of a provider: `default` (the provider id's own account, found in any store) first,
   * then its named keys (`<provider>:<name>` accounts) by name. Environment variables hold only
   * the default key.
   */
  keysOf(provider: string): Promise<NamedKey[]>;
}

export interface SecretStoreOptions {
  /** The data folder (SWITCHBOARD_HOME); the encrypted file lives here. */
  home: string;
  /** Environment to read keys and SWITCHBOARD_SECRETS_PASSPHRASE from; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** false: never touch the OS keychain (tests, CI without D-Bus). Default true. */
  useKeychain?: boolean;
  /** A keychain stand-in for tests; null means "no keychain on this machine". Wins over useKeychain. */
  keychain?: SecretStore | null;
  /** Visible warnings: keys going to the encrypted file, a store that failed to answer. */
  onWarning?: (message: string) => void;
  /** Where handed-out keys are registered; default the process-wide redactor. */
  redactor?: Redactor;
}

/**
 * Provider keys, looked up in DESIGN.md's order: OS keychain, then environment variables, then
 * the encrypted file. Writes go to the keychain, or, where no keychain exists, to the encrypted
 * file with a warning through onWarning. Every key handed out or stored is registered with the
 * redactor. A store that fails (keychain locked later, unreadable file) is reported through
 * onWarning and skipped, so a key in a later store still works.
 */
export async function createSecretStore(options: SecretStoreOptions): Promise<SecretResolver> {
  const redactor = options.redactor ?? defaultRedactor;
  let unavailable: string | undefined;
  const keychain =
    options.keychain !== undefined
      ? (options.keychain ?? undefined)
      : options.useKeychain === false
        ? undefined
        : await createKeytarStore({ onUnavailable: (reason) => (unavailable = reason) });
  const env = createEnvStore(options.env);
  const file = createEncryptedFileStore(options.home, options.env);
  const readOrder = [keychain, env, file].filter((store): store is SecretStore => store !== undefined);
  const writable = keychain ?? file;
  const warned = new Set<string>();
  const warnOnce = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    options.onWarning?.(redactor.redact(message));
  };
  const failed = (store: SecretStore, error: unknown) =>
    warnOnce(
      `${store.source} secret store failed: ${error instanceof Error ? error.message : String(error)}`,
    );

  const resolver: SecretResolver = {
    source: writable.source,
    async resolve(provider) {
      for (const store of readOrder) {
        let key: string | undefined;
        try {
          key = await store.get(provider);
        } catch (error) {
          failed(store, error);
          continue;
        }
        if (key) {
          redactor.add(key);
          return { key, source: store.source };
        }
      }
      return undefined;
    },
    async get(provider) {
      return (await resolver.resolve(provider))?.key;
    },
    async set(provider, key) {
      if (!keychain) {
        const passphrase = (options.env ?? process.env).SWITCHBOARD_SECRETS_PASSPHRASE;
        warnOnce(
          `no OS keychain available${unavailable ? ` (${unavailable})` : ''}; keys are stored in an encrypted file at ${join(options.home, secretsFileName)}` +
            (passphrase
              ? ''
              : ' whose key file lies beside it; set SWITCHBOARD_SECRETS_PASSPHRASE for stronger protection'),
        );
      }
      redactor.add(key);
      await writable.set(provider, key);
    },
    async delete(provider) {
      const results = await Promise.all([keychain?.delete(provider), file.delete(provider)]);
      return results.some(Boolean);
    },
    async list() {
      return (await resolver.describe()).map((entry) => entry.provider);
    },
    async keysOf(provider) {
      const keys = new Map<string, NamedKey>();
      const found = await resolver.resolve(provider);
      if (found) keys.set(defaultKeyName, { name: defaultKeyName, ...found });
      for (const store of readOrder) {
        if (store.source === 'env') continue;
        let accounts: string[] = [];
        try {
          accounts = await store.list();
        } catch (error) {
          failed(store, error);
        }
        for (const account of accounts) {
          const { provider: owner, name } = parseKeyAccount(account);
          if (owner !== provider || keys.has(name)) continue;
          const key = await store.get(account).catch((error: unknown) => failed(store, error));
          if (!key) continue;
          redactor.add(key);
          keys.set(name, { name, key, source: store.source });
        }
      }
      return [...keys.values()].sort((a, b) =>
        a.name === defaultKeyName ? -1 : b.name === defaultKeyName ? 1 : a.name.localeCompare(b.name),
      );
    },
    async describe() {
      const seen = new Map<string, SecretSource>();
      for (const store of readOrder) {
        let providers: string[] = [];
        try {
          providers = await store.list();
        } catch (error) {
          failed(store, error);
        }
        for (const provider of providers) if (!seen.has(provider)) seen.set(provider, store.source);
      }
      return [...seen]
        .map(([provider, source]) => ({ provider, source }))
        .sort((a, b) => a.provider.localeCompare(b.provider));
    },
  };
  return resolver;
}
