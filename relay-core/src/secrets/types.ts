/** Where a provider key was found (or would be written). */
export type SecretSource = 'keychain' | 'env' | 'encrypted-file' | 'memory';

/** Where provider keys live. Account names are provider ids; keys never leave through `list`. */
export interface SecretStore {
  readonly source: SecretSource;
  /** The key stored for a provider id, or undefined. */
  get(provider: string): Promise<string | undefined>;
  /** Stores (or replaces) a provider's key; read-only stores throw an Error saying so. */
  set(provider: string, key: string): Promise<void>;
  /** Removes a provider's key; false when there was none. */
  delete(provider: string): Promise<boolean>;
  /** Provider ids that have a key (never the keys), sorted. */
  list(): Promise<string[]>;
}
