import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { relayNodeFlags } from '../../electron/main/relay-node-flags.js';
import { freePort } from '../../test/helpers/free-port.js';
import { createClientKey } from '../../relay-core/src/store/client-keys.js';
import { openDatabase } from '../../relay-core/src/store/open-database.js';

export const benchClientKey = 'sb-bench-client-key';
const root = new URL('../../', import.meta.url);

/** The emulator and a relay routed to it, each in its own process (this process loads them). */
export interface BenchStack {
  /** The emulator's origin (the direct baseline). */
  direct: string;
  /** The relay's origin. */
  relay: string;
  relayPid: number;
  /** A forward-only proxy to the emulator (bench/shared/minimal-proxy.ts), when asked for. */
  proxy?: string;
  close(): Promise<void>;
}

/** Starts a node process and resolves once its output matches `ready`. */
export function startProcess(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  nodeFlags: string[] = [],
  /** false: `args[0]` is plain JavaScript (a bundle), no TypeScript loader. */
  typescript = true,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeFlags, ...(typescript ? ['--import', 'tsx'] : []), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      if (ready.test(output)) {
        // keep draining the pipes so a chatty child never blocks on a full one
        output = '';
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${output}`)));
  });
}

/** Stops a process started by startProcess (SIGTERM) and waits for its exit. */
export function stopProcess(child: ChildProcess): Promise<void> {
  // already gone: it exited, or a signal ended it (a V8 out-of-memory abort leaves no exit code)
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Bundles the relay as the desktop app ships it (esbuild, dist/electron/relay-process.js). */
export function bundleRelay(): void {
  const built = spawnSync(process.execPath, ['scripts/start-desktop.mjs', '--build-only'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0)
    throw new Error('bundling the relay (scripts/start-desktop.mjs --build-only) failed');
}

/** A relay process started by startRelayProcess, with its data folder. */
export interface RelayProcess {
  origin: string;
  /** The running process (a new one after `restart`). */
  process: ChildProcess;
  home: string;
  /** Stops the relay (SIGTERM) and starts it again on the same port and data folder. */
  restart(): Promise<void>;
  /** Stops the relay (SIGTERM) and removes its data folder. */
  stop(): Promise<void>;
}

/** How startRelayProcess starts the relay. */
export interface RelayProcessOptions {
  /** Node flags after the shipped ones (e.g. `--cpu-prof`). */
  relayNodeFlags?: string[];
  /** `bundle`: as the desktop app ships it; `tsx`: the TypeScript sources. */
  relayBuild?: 'bundle' | 'tsx';
  /** A second OpenAI-compatible provider on the upstream: every OpenAI model has a target left. */
  secondTarget?: boolean;
  /** `fallback.resume_streams: true`. */
  resumeStreams?: boolean;
  /** Another bundle of the relay to run (an earlier build, for a before/after comparison). */
  bundlePath?: string;
  /** `storage.history` and `storage.state` (PostgreSQL and Redis URLs); the defaults when absent. */
  storage?: { history: string; state: string };
  /** Where it listens (a loopback name, `127.0.0.1` by default) and on which port (a free one). */
  listen?: { host: string; port: number };
  /** `server.allowed_hosts`: the names a load balancer in front sends as Host. */
  allowedHosts?: string[];
}

/**
 * Starts a relay (already bundled when `relayBuild` is `bundle`) with a history database and a
 * stored client key, whose `openai` and `anthropic` providers both point at `upstream` (a base URL
 * ending in `/v1`). The caller removes `home` after stopping it.
 */
export async function startRelayProcess(
  upstream: string,
  options: RelayProcessOptions = {},
): Promise<RelayProcess> {
  const bundled = (options.relayBuild ?? 'bundle') === 'bundle';
  const relayHost = options.listen?.host ?? '127.0.0.1';
  const relayPort = options.listen?.port ?? (await freePort());
  const home = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  // the client key is a stored one, as `npm run relay` creates at first start: its lookup is part
  // of every request's overhead (SWITCHBOARD_API_KEY would skip the database)
  const db = openDatabase(join(home, 'switchboard.db'));
  createClientKey(db, 'bench', benchClientKey);
  db.close();
  writeFileSync(
    join(home, 'config.yaml'),
    `providers:\n  - id: openai\n    base_url: ${upstream}\n  - id: anthropic\n    base_url: ${upstream}\n` +
      (options.secondTarget ? `  - id: backup\n    preset: openai\n    base_url: ${upstream}\n` : '') +
      (options.resumeStreams ? 'fallback:\n  resume_streams: true\n' : '') +
      (options.storage
        ? `storage:\n  history: ${options.storage.history}\n  state: ${options.storage.state}\n`
        : '') +
      `server:\n  host: '${relayHost}'\n` +
      (options.allowedHosts ? `  allowed_hosts: [${options.allowedHosts.join(', ')}]\n` : ''),
  );
  const launch = () =>
    startProcess(
      [bundled ? (options.bundlePath ?? 'dist/electron/relay-process.js') : 'relay-core/src/cli.ts'],
      {
        SWITCHBOARD_HOME: home,
        SWITCHBOARD_PORT: String(relayPort),
        OPENAI_API_KEY: 'sk-bench',
        ANTHROPIC_API_KEY: 'sk-ant-bench',
        SWITCHBOARD_KEY_BACKUP: 'sk-bench',
      },
      /listening on/,
      // the relay's own heap settings first, as the app runs it; a repeated V8 flag: the last wins
      [...relayNodeFlags, ...(options.relayNodeFlags ?? [])],
      !bundled,
    );
  const relay: RelayProcess = {
    origin: `http://${relayHost.includes(':') ? `[${relayHost}]` : relayHost}:${relayPort}`,
    process: await launch().catch((error: unknown) => {
      rmSync(home, { recursive: true, force: true });
      throw error;
    }),
    home,
    async restart() {
      await stopProcess(relay.process);
      relay.process = await launch();
    },
    async stop() {
      await stopProcess(relay.process);
      rmSync(home, { recursive: true, force: true });
    },
  };
  return relay;
}

/**
 * Starts the emulator, then a relay with a history database whose `openai` and `anthropic`
 * providers both point at it. `relayNodeFlags` go to the relay's node after the shipped ones
 * (electron/main/relay-node-flags.ts), e.g. `--cpu-prof`, or `--max-semi-space-size=8` to override.
 * `relayBuild`: `bundle` (default) runs the relay as the desktop app ships it, one esbuild bundle
 * under plain Node; `tsx` runs `npm run relay`'s TypeScript through tsx (its compiler stays in
 * memory: about 20 MB more RSS).
 */
export async function startBenchStack(
  options: Omit<RelayProcessOptions, 'bundlePath'> & { proxy?: boolean } = {},
): Promise<BenchStack> {
  const bundled = (options.relayBuild ?? 'bundle') === 'bundle';
  if (bundled) bundleRelay();
  const emulatorPort = await freePort();
  const emulator = await startProcess(
    ['relay-core/src/emulator/cli.ts', '--port', String(emulatorPort)],
    {},
    /127\.0\.0\.1/,
  );
  const {
    origin: relayOrigin,
    process: relay,
    home,
  } = await startRelayProcess(`http://127.0.0.1:${emulatorPort}/v1`, {
    ...options,
    relayBuild: bundled ? 'bundle' : 'tsx',
  }).catch(async (error: unknown) => {
    await stopProcess(emulator);
    throw error;
  });
  const proxyPort = options.proxy ? await freePort() : undefined;
  const proxy =
    proxyPort === undefined
      ? undefined
      : await startProcess(
          [
            'bench/shared/minimal-proxy.ts',
            '--port',
            String(proxyPort),
            '--upstream',
            `http://127.0.0.1:${emulatorPort}`,
          ],
          {},
          /listening on/,
        ).catch(async (error: unknown) => {
          await stopProcess(relay);
          await stopProcess(emulator);
          throw error;
        });
  return {
    direct: `http://127.0.0.1:${emulatorPort}`,
    proxy: proxyPort === undefined ? undefined : `http://127.0.0.1:${proxyPort}`,
    relay: relayOrigin,
    relayPid: relay.pid!,
    async close() {
      if (proxy) await stopProcess(proxy);
      await stopProcess(relay);
      await stopProcess(emulator);
      rmSync(home, { recursive: true, force: true });
    },
  };
}
