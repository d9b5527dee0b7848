import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { formatIssuePath } from '../shared/format-issue-path.js';
import { ConfigError } from './config-error.js';
import type { ConfigIssue } from './config-error.js';
import { defaultConfigText } from './default-config.js';
import { yamlDepth } from './measure-yaml.js';
import { exposeLanMessage, isHostName, isLoopbackHost } from './hosts.js';
import { configSchema } from './schema.js';
import { applyTelemetryEnv } from './telemetry-env.js';
import type { Config } from './schema.js';

export const configFileName = 'config.yaml';

/** YAML syntax errors as issues whose message starts with `line L, column C`. */
export function syntaxIssues(document: Document): ConfigIssue[] {
  return document.errors.map((error) => {
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const at = error.linePos?.[0];
    return { path: '', message: at ? `line ${at.line}, column ${at.col}: ${message}` : message };
  });
}

/** Far above any real config.yaml (a few kB, a few levels deep), far below what stalls the parser. */
export const maxConfigBytes = 1024 * 1024;
export const maxConfigDepth = 64;

/**
 * Parses config text into a YAML document, after refusing (in one cheap pass) a text too large or
 * nested too deeply: the parser recurses once per level, and a 100,000-deep file holds the event
 * loop for seconds before it fails.
 */
export function parseConfigDocument(text: string, file = configFileName): Document {
  if (text.length > maxConfigBytes)
    throw new ConfigError(file, [
      {
        path: '',
        message: `the file is ${text.length} characters long; a config may have ${maxConfigBytes}`,
      },
    ]);
  if (yamlDepth(text, maxConfigDepth) > maxConfigDepth)
    throw new ConfigError(file, [
      {
        path: '',
        message: `the YAML nests more than ${maxConfigDepth} levels deep, deeper than any config`,
      },
    ]);
  return parseDocument(text, { prettyErrors: true });
}

/** Why an empty config is refused, and how to start from the default on purpose. */
export const emptyConfigMessage =
  'the file is empty (or holds only comments); to start from the default config, delete the file and restart the relay';

/** Text with nothing in it but whitespace, comments and a null document (`~`, `null`, `---`). */
export function looksEmpty(text: string): boolean {
  const content = text
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter((line) => line !== '' && line !== '---' && line !== '...');
  return (
    content.length === 0 || (content.length === 1 && ['~', 'null', 'Null', 'NULL'].includes(content[0]!))
  );
}

/** Validates an already parsed YAML document (the UI's round-trip edits go through here too). */
export function validateDocument(document: Document, file = configFileName): Config {
  if (document.errors.length > 0) throw new ConfigError(file, syntaxIssues(document));
  let value: unknown;
  try {
    value = document.toJS();
  } catch (error) {
    throw new ConfigError(file, [{ path: '', message: (error as Error).message }]);
  }
  // an editor that saves by emptying the file first leaves it like this for a moment: applied, it
  // would remove every provider and route from a relay that is serving requests
  if (value === null || value === undefined)
    throw new ConfigError(file, [{ path: '', message: emptyConfigMessage }]);
  const result = configSchema.safeParse(value);
  if (!result.success) {
    throw new ConfigError(
      file,
      result.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message })),
    );
  }
  return result.data;
}

/**
 * Parses and validates config text. Throws ConfigError naming the line and column of a syntax
 * error, or the key path of an invalid value (`server.port`, `providers[0].preset`).
 */
export function parseConfig(text: string, file = configFileName): Config {
  return validateDocument(parseConfigDocument(text, file), file);
}

/**
 * SWITCHBOARD_HOST, SWITCHBOARD_PORT, SWITCHBOARD_DATABASE_URL and SWITCHBOARD_REDIS_URL, and the
 * OpenTelemetry exporter's own variables, validated like the keys they override.
 */
export function applyEnvOverrides(config: Config, env: NodeJS.ProcessEnv, file = configFileName): Config {
  const server = { ...config.server };
  const issues: ConfigIssue[] = [];
  const host = env.SWITCHBOARD_HOST?.trim();
  if (host) {
    if (!isHostName(host))
      issues.push({ path: 'SWITCHBOARD_HOST', message: `'${host}' is not a host name or IP address` });
    else if (!isLoopbackHost(host) && !server.expose_lan)
      issues.push({ path: 'SWITCHBOARD_HOST', message: exposeLanMessage(host) });
    else server.host = host;
  }
  const port = env.SWITCHBOARD_PORT?.trim();
  if (port) {
    if (!/^\d{1,5}$/.test(port) || Number(port) > 65535)
      issues.push({ path: 'SWITCHBOARD_PORT', message: `'${port}' is not a port number (0-65535)` });
    else server.port = Number(port);
  }
  const storage = { ...config.storage };
  const database = env.SWITCHBOARD_DATABASE_URL?.trim();
  if (database) {
    if (!/^postgres(ql)?:\/\//.test(database))
      issues.push({ path: 'SWITCHBOARD_DATABASE_URL', message: 'is not a postgres:// URL' });
    else storage.history = database;
  }
  const redis = env.SWITCHBOARD_REDIS_URL?.trim();
  if (redis) {
    if (!/^rediss?:\/\//.test(redis))
      issues.push({ path: 'SWITCHBOARD_REDIS_URL', message: 'is not a redis:// URL' });
    else storage.state = redis;
  }
  const telemetry = applyTelemetryEnv(config.telemetry, env, issues);
  if (issues.length > 0) throw new ConfigError(file, issues);
  return { ...config, server, storage, telemetry };
}

/**
 * Loads `config.yaml` from the data folder, creating the folder and writing `firstText` (the
 * commented default, or what the first start found) when there is no file yet, then applies
 * SWITCHBOARD_HOST / SWITCHBOARD_PORT. An existing file is never written. Throws ConfigError.
 */
export function loadConfig(
  home: string,
  env: NodeJS.ProcessEnv = process.env,
  firstText: string = defaultConfigText,
): { config: Config; path: string } {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const path = join(home, configFileName);
  if (!existsSync(path)) {
    try {
      writeFileSync(path, firstText, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // another instance wrote it first; theirs is as good as ours
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return { config: reloadConfig(path, env), path };
}

/** Reads and validates the file again (the watcher), with the same environment overrides. */
export function reloadConfig(path: string, env: NodeJS.ProcessEnv = process.env): Config {
  return applyEnvOverrides(parseConfig(readFileSync(path, 'utf8'), path), env, path);
}
