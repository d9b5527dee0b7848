import { createEncryptedFileStore } from './encrypted-file-store.js';
import { createEnvStore } from './env-store.js';
import { createKeytarStore } from './keytar-store.js';
import { redactor as defaultRedactor } from './redact.js';
import type { Redactor } from './redact.js';
import type { SecretSource, SecretStore } from './types.js';

/** The writable store plus a lookup that says where each key came from. */
export interface SecretResolver extends SecretStore {
  resolve(provider: string): Promise<{ key: string; source: SecretSource } | undefined>;
  describe(): Promise<Array<{ provider: string; source: SecretSource }>>;
}

export interface SecretStoreOptions {
  home: string;
  env?: NodeJS.ProcessEnv;
  /** false: never touch the OS keychain (tests, CI without D-Bus). */
  useKeychain?: boolean;
  /** Injected keychain for tests; null means "no keychain on this machine". */
  keychain?: SecretStore | null;
  onWarning?: (message: string) => void;
  redactor?: Redactor;
}

/**
 * Provider keys, looked up in DESIGN.md's order: OS keychain, then environment variables, then
 * the encrypted file. Writes go to the keychain, or to the encrypted file with a visible warning
 * where no keychain exists. Every key handed out is registered with the redactor.
 */
export async function createSecretStore(options: SecretStoreOptions): Promise<SecretResolver> {
  const redactor = options.redactor ?? defaultRedactor;
  const keychain =
    options.keychain !== undefined
      ? (options.keychain ?? undefined)
      : options.useKeychain === false
        ? undefined
        : await createKeytarStore();
  const env = createEnvStore(options.env);
  const file = createEncryptedFileStore(options.home, options.env);
  const readOrder = [keychain, env, file].filter((store): store is SecretStore => store !== undefined);
  const writable = keychain ?? file;
  let warned = false;

  const resolver: SecretResolver = {
    source: writable.source,
    async resolve(provider) {
      for (const store of readOrder) {
        const key = await store.get(provider);
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
      if (!keychain && !warned) {
        warned = true;
        options.onWarning?.(
          `no OS keychain available; keys are stored in an encrypted file in ${options.home} (see README)`,
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
    async describe() {
      const seen = new Map<string, SecretSource>();
      for (const store of readOrder) {
        for (const provider of await store.list()) if (!seen.has(provider)) seen.set(provider, store.source);
      }
      // env keys under their presets' usual names (OPENAI_API_KEY → openai)
      for (const provider of [
        'openai',
        'anthropic',
        'gemini',
        'deepseek',
        'mistral',
        'groq',
        'xai',
        'openrouter',
        'together',
        'fireworks',
        'qwen',
        'moonshot',
        'azure',
      ]) {
        if (!seen.has(provider) && (await env.get(provider))) seen.set(provider, 'env');
      }
      return [...seen]
        .map(([provider, source]) => ({ provider, source }))
        .sort((a, b) => a.provider.localeCompare(b.provider));
    },
  };
  return resolver;
}
