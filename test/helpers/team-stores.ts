import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

// Private PostgreSQL and Redis servers for the team-mode suites: each started from Debian's
// binaries in a temporary folder on a free port, so a test can stop, kill and restart them
// without touching a server the machine already runs.

/** True when the team-mode suites must run (CI sets it; `.ci/run` installs the servers). */
export const storesRequired = process.env.SWITCHBOARD_TEST_STORES === '1';
/** Why a team-mode suite is skipped outside CI. */
export const storesSkipReason =
  'skipped unless SWITCHBOARD_TEST_STORES=1 (needs postgresql and redis-server)';

/** A server a test owns. */
export interface StoreServer {
  /** Connection URL (`postgres://…` or `redis://…`). */
  readonly url: string;
  /** Kills the server at once (SIGKILL), as a crash or a pulled cable would. */
  kill(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  restart(): Promise<void>;
  /** Stops it and removes its folder. */
  stop(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;

function postgresBin(name: string): string {
  const override = process.env.SWITCHBOARD_PG_BIN;
  if (override) return join(override, name);
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const path = join(root, version, 'bin', name);
    if (existsSync(path)) return path;
  }
  throw new Error(`PostgreSQL's ${name} not found (apt-get install postgresql)`);
}

/** PostgreSQL refuses to run as root; as root the server runs as Debian's `postgres` user. */
function serverUser(): { uid?: number; gid?: number } {
  if (!asRoot) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString());
  return { uid: id('-u'), gid: id('-g') };
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready:\n${seen}`)));
  });
}

function killed(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/**
 * Starts a private PostgreSQL (trust auth on loopback, no fsync: these are tests). Commits still
 * wait for their log write, so a killed server keeps every commit it answered, as a real one does.
 */
export async function startPostgres(): Promise<StoreServer> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-pg-'));
  const user = serverUser();
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid ?? 0);
  const data = join(dir, 'data');
  execFileSync(
    postgresBin('initdb'),
    ['-D', data, '-A', 'trust', '-U', 'switchboard', '--no-sync', '-E', 'UTF8'],
    { stdio: 'ignore', ...user },
  );
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    const args = [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=200',
    ];
    child = spawn(postgresBin('postgres'), args, { stdio: ['ignore', 'pipe', 'pipe'], ...user });
    await waitForLine(child, /ready to accept connections/, 'postgres');
  };
  await start();
  return {
    url: `postgres://switchboard@127.0.0.1:${port}/postgres`,
    kill: () => killed(child),
    restart: start,
    async stop() {
      // SIGINT is PostgreSQL's fast shutdown: its backends exit with it
      await killed(child, 'SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts a private Redis with persistence off. */
export async function startRedis(): Promise<StoreServer> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await waitForLine(child, /Ready to accept connections/i, 'redis-server');
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    kill: () => killed(child),
    restart: start,
    async stop() {
      await killed(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
