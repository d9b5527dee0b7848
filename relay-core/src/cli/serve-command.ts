import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../config/config-error.js';
import { startRelay } from '../start-relay.js';
import { countClientKeys } from '../store/client-keys.js';

/**
 * How long a stopping server lets requests in progress finish: inside the 10 s a container runtime
 * waits after SIGTERM before it kills, so the history is written either way.
 */
const serveDrainMs = 8_000;

/** Why `serve` cannot start, worded for the person at the terminal; exit status 2. */
export class ServeUsageError extends Error {
  readonly code = 'SERVE_USAGE';
}

/** The config file and data folder `serve` uses: `--home`, else the config file's own folder. */
function servePaths(flags: { config?: string; home?: string }): { configPath: string; home: string } {
  if (!flags.config)
    throw new ServeUsageError(
      'serve needs --config <file>, e.g. serve --config /etc/switchboard/config.yaml',
    );
  const configPath = resolve(flags.config);
  if (!existsSync(configPath))
    throw new ServeUsageError(`no config file at ${configPath} (serve never writes one: create it first)`);
  if (statSync(configPath).isDirectory())
    throw new ServeUsageError(`${configPath} is a folder: give the path of the config file itself`);
  return { configPath, home: resolve(flags.home ?? dirname(configPath)) };
}

/**
 * `serve --config <file> [--home <folder>]`: the relay as a service. It binds what the config says,
 * looks for no local tools and opens nothing, logs one line at start and one at stop, and on
 * SIGTERM or SIGINT lets requests in progress finish (up to `serveDrainMs`), writes the queued
 * history and exits 0.
 */
export async function serveCommand(flags: { config?: string; home?: string }): Promise<void> {
  const { configPath, home } = servePaths(flags);
  const relay = await startRelay({ home, configPath, detectProviders: false }).catch((error: unknown) => {
    if (error instanceof ConfigError)
      throw new ServeUsageError(`the config file is not valid:\n${error.message}`);
    throw error;
  });
  const noKeys =
    !process.env.SWITCHBOARD_API_KEY && countClientKeys(relay.db) === 0
      ? `; no client key yet: create one with \`keys create <name> --home ${home}\``
      : '';
  console.error(
    `switchboard: serving on ${relay.url} (pid ${process.pid}, config ${configPath}, data ${home})${noKeys}`,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    try {
      const { cut } = await relay.close({ drainMs: serveDrainMs });
      const requests = cut === 0 ? 'requests drained' : `${cut} connection(s) cut after ${serveDrainMs} ms`;
      console.error(`switchboard: stopped on ${signal} (${requests}, history written)`);
      process.exit(0);
    } catch (error) {
      console.error(`switchboard: stopping on ${signal} failed: ${String(error)}`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
