// the secrets modules directly, not relay-core's index: main must not load the relay (SQLite, HTTP)
import type { SecretResolver } from '../../relay-core/src/secrets/create-secret-store.js';
import { keyVariables } from '../../relay-core/src/secrets/env-store.js';
import type { DesktopSettings } from './desktop-settings.js';

/** A provider key found in the environment, described without the key. */
export interface FoundEnvKey {
  provider: string;
  /** The variable it came from, e.g. `OPENAI_API_KEY`. */
  variable: string;
}

export interface ImportEnvKeysDeps {
  /** The relay-core secret store: keychain (or the encrypted file), then environment variables. */
  secrets: SecretResolver;
  env: NodeJS.ProcessEnv;
  settings: {
    read(): DesktopSettings;
    update(change: Partial<DesktopSettings>): unknown;
  };
  /** Asks the user (a dialog in the app); true means "store them". */
  ask(found: FoundEnvKey[], destination: SecretResolver['source']): Promise<boolean>;
}

export type ImportEnvKeysResult =
  | { outcome: 'already-asked' | 'nothing-found' | 'declined' }
  | { outcome: 'imported'; imported: string[]; failed: Array<{ provider: string; message: string }> };

/**
 * First start: provider keys that only live in environment variables (so a Dock or Start-menu
 * launch would not see them) are offered for the keychain. Nothing is stored without a yes, and
 * the question is asked once: the answer is kept in the desktop settings.
 */
export async function importEnvKeysOnFirstStart(deps: ImportEnvKeysDeps): Promise<ImportEnvKeysResult> {
  if (deps.settings.read().envKeyImport) return { outcome: 'already-asked' };
  const onlyInEnv = (await deps.secrets.describe()).filter((entry) => entry.source === 'env');
  if (onlyInEnv.length === 0) return { outcome: 'nothing-found' };
  const found = onlyInEnv.map(({ provider }) => ({
    provider,
    variable: keyVariables(provider).find((name) => deps.env[name]?.trim()) ?? keyVariables(provider)[0]!,
  }));
  if (!(await deps.ask(found, deps.secrets.source))) {
    deps.settings.update({ envKeyImport: 'declined' });
    return { outcome: 'declined' };
  }
  const imported: string[] = [];
  const failed: Array<{ provider: string; message: string }> = [];
  for (const { provider } of found) {
    try {
      const resolved = await deps.secrets.resolve(provider);
      if (!resolved) continue;
      await deps.secrets.set(provider, resolved.key);
      imported.push(provider);
    } catch (error) {
      failed.push({ provider, message: error instanceof Error ? error.message : String(error) });
    }
  }
  deps.settings.update({ envKeyImport: 'imported' });
  return { outcome: 'imported', imported, failed };
}

/** The question's text, naming providers and variables (never the keys). */
export function describeEnvKeyImport(found: FoundEnvKey[], destination: SecretResolver['source']): string {
  const where = destination === 'keychain' ? 'the OS keychain' : 'an encrypted file in the data folder';
  const lines = found.map(({ provider, variable }) => `  ${provider}  (${variable})`);
  return [
    'Switchboard found provider keys in environment variables:',
    ...lines,
    '',
    `Store them in ${where}? The app then finds them however it is started, also from the`,
    'Dock, Start menu or at login, where these variables are not set. You are asked only once.',
  ].join('\n');
}
