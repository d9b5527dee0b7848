export type SecretSource = 'keychain' | 'env' | 'encrypted-file' | 'memory';

/** Where provider keys live. Account names are provider ids; keys never leave through `list`. */
export interface SecretStore {
  readonly source: SecretSource;
  get(provider: string): Promise<string | undefined>;
  set(provider: string, key: string): Promise<void>;
  delete(provider: string): Promise<boolean>;
  /** Provider ids that have a key (never the keys). */
  list(): Promise<string[]>;
}
