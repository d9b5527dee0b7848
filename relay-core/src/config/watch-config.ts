import { watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Config } from './schema.js';
import { reloadConfig } from './load-config.js';

export interface ConfigWatchHandlers {
  onChange(config: Config): void;
  onError(error: Error): void;
}

/**
 * Watches config.yaml and delivers each valid change. The directory is watched, not the file,
 * because editors save by writing a new file and renaming it over the old one. Invalid edits go
 * to onError; the caller keeps the last good config.
 */
export function watchConfig(
  path: string,
  handlers: ConfigWatchHandlers,
  options: { debounceMs?: number; env?: NodeJS.ProcessEnv } = {},
): { close(): void } {
  const debounceMs = options.debounceMs ?? 100;
  const name = basename(path);
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(dirname(path), (_event, file) => {
    if (file !== null && file !== name) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      try {
        handlers.onChange(reloadConfig(path, options.env));
      } catch (error) {
        handlers.onError(error instanceof Error ? error : new Error(String(error)));
      }
    }, debounceMs);
  });
  watcher.unref();
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
