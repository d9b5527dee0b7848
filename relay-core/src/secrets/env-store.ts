import { findPreset } from '../providers/presets.js';
import type { SecretStore } from './types.js';

/** Variables that may hold a provider's key: the preset's usual ones, then SWITCHBOARD_KEY_<ID>. */
export function keyVariables(provider: string): string[] {
  return [
    ...(findPreset(provider)?.keyEnv ?? []),
    `SWITCHBOARD_KEY_${provider.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`,
  ];
}

/** Read-only: keys from environment variables (`OPENAI_API_KEY`, …). */
export function createEnvStore(env: NodeJS.ProcessEnv = process.env): SecretStore {
  return {
    source: 'env',
    async get(provider) {
      for (const name of keyVariables(provider)) {
        const value = env[name]?.trim();
        if (value) return value;
      }
      // Bedrock with the standard AWS variables: an IAM pair, signed with SigV4
      if (findPreset(provider)?.adapter === 'bedrock' && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
        return [env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN]
          .filter(Boolean)
          .join(':');
      }
      return undefined;
    },
    async set(provider) {
      throw new Error(
        `keys from environment variables are read-only; change ${keyVariables(provider)[0]} instead`,
      );
    },
    async delete() {
      return false;
    },
    async list() {
      const names = Object.keys(env);
      const out: string[] = [];
      for (const name of names) {
        const custom = /^SWITCHBOARD_KEY_([A-Z0-9_]+)$/.exec(name);
        if (custom && env[name]) out.push(custom[1]!.toLowerCase().replace(/_/g, '-'));
      }
      return out;
    },
  };
}
