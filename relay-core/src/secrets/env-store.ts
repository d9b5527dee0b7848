import { findPreset, providerPresets } from '../config/presets.js';
import type { SecretStore } from './types.js';

const customPrefix = 'SWITCHBOARD_KEY_';

/** The variable config.yaml names for a provider's key (`key_env`), if any. */
export type KeyEnvLookup = (provider: string) => string | undefined;

/**
 * Variables that may hold a provider's key, first wins: the one config.yaml names for it
 * (`key_env`), the preset's usual ones (`OPENAI_API_KEY`), then `SWITCHBOARD_KEY_<ID>` (upper
 * case, `-` → `_`) for any provider.
 */
export function keyVariables(provider: string, keyEnv?: KeyEnvLookup): string[] {
  const named = keyEnv?.(provider);
  return [
    ...(named ? [named] : []),
    ...(findPreset(provider)?.keyEnv ?? []),
    `${customPrefix}${provider.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`,
  ];
}

function read(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name]?.trim() || undefined;
}

/**
 * Read-only: keys from environment variables. `set` throws, naming the variable to change;
 * `delete` removes nothing and answers false. `keyEnv` is asked on every lookup, so a reloaded
 * config.yaml takes effect at once.
 */
export function createEnvStore(env: NodeJS.ProcessEnv = process.env, keyEnv?: KeyEnvLookup): SecretStore {
  async function get(provider: string): Promise<string | undefined> {
    for (const name of keyVariables(provider, keyEnv)) {
      const value = read(env, name);
      if (value) return value;
    }
    // Bedrock with the standard AWS variables: an IAM pair, signed with SigV4
    const accessKeyId = read(env, 'AWS_ACCESS_KEY_ID');
    const secretAccessKey = read(env, 'AWS_SECRET_ACCESS_KEY');
    if (findPreset(provider)?.adapter === 'bedrock' && accessKeyId && secretAccessKey) {
      return [accessKeyId, secretAccessKey, read(env, 'AWS_SESSION_TOKEN')].filter(Boolean).join(':');
    }
    return undefined;
  }

  return {
    source: 'env',
    get,
    async set(provider) {
      throw new Error(
        `keys from environment variables are read-only; change ${keyVariables(provider, keyEnv)[0]} instead`,
      );
    },
    async delete() {
      return false;
    },
    async list() {
      const found = new Set<string>();
      for (const id of Object.keys(providerPresets)) if (await get(id)) found.add(id);
      for (const name of Object.keys(env)) {
        // the id's `-` and `_` both became `_`; `-` is the usual spelling (my-vllm)
        if (name.startsWith(customPrefix) && read(env, name)) {
          found.add(name.slice(customPrefix.length).toLowerCase().replace(/_/g, '-'));
        }
      }
      return [...found].sort();
    },
  };
}
