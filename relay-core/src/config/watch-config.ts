import { readFileSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import { applyEnvOverrides, looksEmpty, parseConfig } from './load-config.js';
import type { Config } from './schema.js';

export interface ConfigWatchHandlers {
  /** A changed file that validated; apply it. */
  onChange(config: Config): void;
  /** A changed file that did not validate (ConfigError), or the watch failed; keep the last good config. */
  onError(error: Error): void;
}

export interface ConfigWatchOptions {
  /** Quiet time after the last file event before re-reading (default 100 ms). */
  debounceMs?: number;
  /**
   * How long a file read as empty is given to fill before it is read again and judged (default
   * 500 ms): editors that save by truncating and then writing leave it empty for that moment.
   */
  settleMs?: number;
  /** Environment for SWITCHBOARD_HOST / SWITCHBOARD_PORT overrides; default process.env. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Watches config.yaml and delivers each valid change. The directory is watched, not the file,
 * because editors save by writing a new file and renaming it over the old one (which would leave
 * a file watch on a deleted inode). Events are debounced, and a save that leaves the text as it
 * was is not delivered again. A file read as empty is read again after `settleMs` before anything
 * is decided (it goes to onError if it is still empty). Invalid edits go to onError; the caller
 * keeps the last good config.
 */
export function watchConfig(
  path: string,
  handlers: ConfigWatchHandlers,
  options: ConfigWatchOptions = {},
): { close(): void } {
  const debounceMs = options.debounceMs ?? 100;
  const settleMs = options.settleMs ?? 500;
  const name = basename(path);
  let lastText: string | undefined = readText();
  let timer: NodeJS.Timeout | undefined;

  function readText(): string | undefined {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }

  function reload(settled = false): void {
    const text = readText();
    if (text === undefined) {
      handlers.onError(new Error(`${path} cannot be read (removed?); the last good config stays in force`));
      return;
    }
    if (text === lastText) return;
    if (!settled && looksEmpty(text)) {
      timer = setTimeout(() => reload(true), settleMs);
      return;
    }
    lastText = text;
    let config: Config;
    try {
      config = applyEnvOverrides(parseConfig(text, path), options.env ?? process.env, path);
    } catch (error) {
      handlers.onError(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    handlers.onChange(config);
  }

  const watcher = watch(dirname(path), (_event, file) => {
    if (file !== null && file !== name) return;
    clearTimeout(timer);
    timer = setTimeout(() => reload(), debounceMs);
  });
  // an FSWatcher 'error' without a listener would crash the relay (e.g. the folder was deleted)
  watcher.on('error', (error) => handlers.onError(error));
  watcher.unref();
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
