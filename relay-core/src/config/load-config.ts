import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { formatIssuePath } from '../dialects/format-issue-path.js';
import { ConfigError } from './config-error.js';
import { defaultConfigText } from './default-config.js';
import { configSchema } from './schema.js';
import type { Config } from './schema.js';

export const configFileName = 'config.yaml';

/** Parses and validates config text; errors name the line/column or the key path. */
export function parseConfig(text: string, file = configFileName): Config {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      file,
      document.errors.map((error) => ({ path: '', message: error.message.split('\n')[0]! })),
    );
  }
  const result = configSchema.safeParse(document.toJS() ?? {});
  if (!result.success) {
    throw new ConfigError(
      file,
      result.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message })),
    );
  }
  return result.data;
}

function envOverrides(config: Config, env: NodeJS.ProcessEnv, file: string): Config {
  const server = { ...config.server };
  if (env.SWITCHBOARD_HOST) server.host = env.SWITCHBOARD_HOST;
  if (env.SWITCHBOARD_PORT) {
    const port = Number(env.SWITCHBOARD_PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new ConfigError(file, [
        { path: 'SWITCHBOARD_PORT', message: `'${env.SWITCHBOARD_PORT}' is not a port number` },
      ]);
    }
    server.port = port;
  }
  return { ...config, server };
}

/**
 * Loads `config.yaml` from the data folder, writing the commented default on first start, and
 * applies SWITCHBOARD_HOST / SWITCHBOARD_PORT.
 */
export function loadConfig(
  home: string,
  env: NodeJS.ProcessEnv = process.env,
): { config: Config; path: string } {
  mkdirSync(home, { recursive: true });
  const path = join(home, configFileName);
  if (!existsSync(path)) writeFileSync(path, defaultConfigText, { mode: 0o600 });
  const config = parseConfig(readFileSync(path, 'utf8'), path);
  return { config: envOverrides(config, env, path), path };
}

/** Re-reads the file (for the watcher); env overrides are the start-up ones. */
export function reloadConfig(path: string, env: NodeJS.ProcessEnv = process.env): Config {
  return envOverrides(parseConfig(readFileSync(path, 'utf8'), path), env, path);
}
