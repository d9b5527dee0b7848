import { reloadConfig } from '../config/load-config.js';
import type { Config } from '../config/schema.js';
import { watchConfig } from '../config/watch-config.js';
import { resolveProviders } from '../routing/resolve-providers.js';
import type { ProviderConfigEntry } from '../routing/resolve-providers.js';
import { onSlowPattern, patternBudgetMs } from '../shared/match-pattern.js';
import type { RelayRuntime } from './relay-runtime.js';

/** Requests count as flowing for a config reload while one ended this recently (or is in flight). */
const flowingWithinMs = 60_000;

/** config.yaml as the running relay holds it: the config in force, and why the file is not. */
export interface LiveConfig {
  /** The config in force. */
  readonly current: Config;
  /** Called with each config put in force, in the order the listeners were added. */
  onApply(listener: (next: Config) => void): void;
  /** Re-reads the file into the relay now (the app's own edits); throws when it does not validate. */
  reload(): void;
  /** Why the file as it is on disk is not in force (the UI shows it until a good file is applied). */
  problem(): { message: string; at: number } | undefined;
  close(): void;
}

/** Watches config.yaml and puts each good change in force, refusing one that looks half saved. */
export function watchLiveConfig(options: {
  initial: Config;
  path: string;
  env: NodeJS.ProcessEnv;
  runtime: Pick<RelayRuntime, 'providers' | 'activity' | 'now' | 'wallClock' | 'redact'>;
  extraProviders: readonly ProviderConfigEntry[];
  log: (line: string) => void;
}): LiveConfig {
  const { path, runtime, log } = options;
  const listeners: Array<(next: Config) => void> = [];
  let current = options.initial;
  let problem: { message: string; at: number } | undefined;

  const apply = (next: Config) => {
    for (const listener of listeners) listener(next);
    current = next;
    problem = undefined;
  };
  const refuse = (message: string) => {
    problem = { message: runtime.redact(message), at: runtime.wallClock() };
    log(`config: ${message}; the last good config stays in force`);
  };
  const stopPatternReports = onSlowPattern((pattern) =>
    log(
      `config: the pattern /${pattern}/ ran longer than ${patternBudgetMs} ms and was stopped; it is skipped from now on (rewrite it in ${path})`,
    ),
  );
  const watcher = watchConfig(path, {
    onChange: (next: Config) => {
      const leftWithNone =
        runtime.providers.length > 0 &&
        resolveProviders([...next.providers, ...options.extraProviders]).length === 0;
      // a file that loses every provider while tools are using the relay is far more often a save
      // half done than a wish; the app's own edits (explicit) are applied at once
      if (leftWithNone && runtime.activity.flowing(runtime.now(), flowingWithinMs)) {
        refuse(
          `${path} removes every provider while requests are being served; not applied. Remove them in the app, or save the file again once no request has come for a minute`,
        );
        return;
      }
      try {
        apply(next);
        log(`config: reloaded ${path}`);
      } catch (error) {
        refuse(String((error as Error).message));
      }
    },
    onError: (error: Error) => refuse(error.message),
  });

  return {
    get current() {
      return current;
    },
    onApply: (listener) => listeners.push(listener),
    reload: () => apply(reloadConfig(path, options.env)),
    problem: () => problem,
    close() {
      watcher.close();
      stopPatternReports();
    },
  };
}
