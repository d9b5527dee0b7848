import type { SecretSource } from './types.js';

/** The name of the key stored under the plain provider id (the one key a provider had before names). */
export const defaultKeyName = 'default';

/** Key names follow provider ids: they are part of a keychain account and of history rows. */
export const keyNamePattern = /^[a-z0-9][a-z0-9_-]*$/;

/** One of a provider's keys, with the store it came from. */
export interface NamedKey {
  name: string;
  key: string;
  source: SecretSource;
}

/**
 * The keychain account of a provider's named key: the provider id for `default` (so a key stored
 * before names existed is the default one), `<provider>:<name>` for any other.
 */
export function keyAccount(provider: string, name: string = defaultKeyName): string {
  return name === defaultKeyName ? provider : `${provider}:${name}`;
}

/** The provider and key name an account stands for (`openai:work` → openai, work). */
export function parseKeyAccount(account: string): { provider: string; name: string } {
  const colon = account.indexOf(':');
  return colon < 0
    ? { provider: account, name: defaultKeyName }
    : { provider: account.slice(0, colon), name: account.slice(colon + 1) };
}
