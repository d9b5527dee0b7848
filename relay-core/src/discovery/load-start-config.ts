import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import { firstStartConfigText } from '../config/first-start-config.js';
import { configFileName, loadConfig, reloadConfig } from '../config/load-config.js';
import type { Config } from '../config/schema.js';
import type { SecretResolver } from '../secrets/create-secret-store.js';
import { detectProviders } from './detect-providers.js';
import type { FirstStartReport } from './detect-providers.js';

/**
 * Reads config.yaml. A start without one (and `detect` on) first looks at the machine for
 * provider keys and local servers and writes the file from what it found. A `configPath` given
 * (a server's config, anywhere) is read as it is: it must exist and is never written.
 */
export async function loadStartConfig(options: {
  home: string;
  env: NodeJS.ProcessEnv;
  secrets: SecretResolver;
  dispatcher: Dispatcher;
  /** The port the relay will listen on: a base URL pointing there is the relay itself. */
  relayPort: number;
  detect: boolean;
  configPath?: string;
}): Promise<{ config: Config; path: string; firstStart?: FirstStartReport }> {
  const { home, env, configPath } = options;
  if (configPath !== undefined) return { config: reloadConfig(configPath, env), path: configPath };
  // only a start without config.yaml looks at the machine: an existing file is the user's word
  const firstStart =
    options.detect && !existsSync(join(home, configFileName)) ? await detectProviders(options) : undefined;
  const loaded = loadConfig(home, env, firstStart ? firstStartConfigText(firstStart.providers) : undefined);
  return firstStart ? { ...loaded, firstStart } : loaded;
}
