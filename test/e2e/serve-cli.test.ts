import { execFile, spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../relay-core/src/emulator/index.js';
import type { Emulator } from '../../relay-core/src/emulator/index.js';
import { providerKey } from '../helpers/relay-harness.js';

const root = new URL('../../', import.meta.url);
const folder = mkdtempSync(join(tmpdir(), 'switchboard-serve-'));
const children: ChildProcessWithoutNullStreams[] = [];
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ expectedKey: providerKey });
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await emulator.close();
  rmSync(folder, { recursive: true, force: true });
});

/** The environment of a server: the provider key from the environment, nothing from this machine. */
function serverEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: folder,
    SWITCHBOARD_HOME: '',
    SWITCHBOARD_HOST: '',
    SWITCHBOARD_PORT: '',
    SWITCHBOARD_API_KEY: '',
    OPENAI_API_KEY: providerKey,
    ...extra,
  };
}

function writeConfig(name: string, text: string): string {
  const configFolder = join(folder, name);
  mkdirSync(configFolder, { recursive: true });
  const path = join(configFolder, 'config.yaml');
  writeFileSync(path, text);
  return path;
}

const serverConfig = () => `# a team server's config
server:
  host: 127.0.0.1
  port: 0
providers:
  - id: openai
    base_url: ${emulator.url}/v1
`;

/** `npm run relay -- <args>` as a user runs it (cli.ts under tsx), kept running. */
function spawnRelay(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'relay-core/src/cli.ts', ...args], {
    cwd: root,
    env,
  });
  children.push(child);
  let stderr = '';
  // read with a listener, not an async iterator: leaving the loop would close the child's stderr
  const started = new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
      const url = /serving on (http:\/\/\S+)/.exec(stderr)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', () => reject(new Error(`serve exited before it listened: ${stderr}`)));
  });
  return { child, started, stderr: () => stderr };
}

const run = promisify(execFile);
/** A command that runs to its end: its exit code and standard error. */
async function runRelay(args: string[], env: NodeJS.ProcessEnv = serverEnv()) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'relay-core/src/cli.ts', ...args],
      {
        cwd: root,
        env,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

// each test starts the relay's CLI under tsx, seconds apiece on a busy machine
describe('npm run relay -- serve --config <file>', { timeout: 60_000 }, () => {
  it('serves from a config file, answers /health and /ready, drains on SIGTERM and keeps the history', async () => {
    const configPath = writeConfig('etc', serverConfig());
    const configText = readFileSync(configPath, 'utf8');
    const data = join(folder, 'var');
    const created = await runRelay(['keys', 'create', 'team', '--home', data]);
    const key = /(sb-[A-Za-z0-9_-]+)/.exec(created.stdout)?.[1];
    expect(key, created.stderr).toBeDefined();

    const relay = spawnRelay(['serve', '--config', configPath, '--home', data], serverEnv());
    const url = await relay.started;
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const ready = await fetch(`${url}/ready`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({
      status: 200,
      body: { status: 'ready', stores: { sqlite: 'ok' } },
    });

    const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: key!, maxRetries: 0 });
    const first = await client.chat.completions.create({
      model: 'gpt-4.1-nano',
      messages: [{ role: 'user', content: 'Invent a holiday.' }],
    });
    expect(first.choices[0]!.message.content?.length).toBeGreaterThan(20);

    // a request still waiting on its upstream when the stop comes is answered before the exit
    emulator.inject({ delayHeadersMs: 1500 });
    const callsBefore = emulator.calls.length;
    const inFlight = client.chat.completions.create({
      model: 'gpt-4.1-nano',
      messages: [{ role: 'user', content: 'Invent a holiday.' }],
    });
    await expect.poll(() => emulator.calls.length, { timeout: 10_000 }).toBeGreaterThan(callsBefore);
    relay.child.kill('SIGTERM');
    const second = await inFlight;
    expect(second.choices[0]!.message.content?.length).toBeGreaterThan(20);
    const [code] = (await once(relay.child, 'exit')) as [number | null];
    expect(code, relay.stderr()).toBe(0);

    // one line at the start, one at the stop (between them, the relay's own events)
    const lines = relay
      .stderr()
      .split('\n')
      .filter((line) => line.startsWith('switchboard:'));
    expect(lines).toEqual([
      expect.stringMatching(/^switchboard: serving on http:\/\/127\.0\.0\.1:\d+ .*config .*etc.*data .*var/),
      'switchboard: stopped on SIGTERM (requests drained, history written)',
    ]);
    // the data went to --home; the config file was read, never written
    expect(readFileSync(configPath, 'utf8')).toBe(configText);
    expect(existsSync(join(folder, 'etc', 'switchboard.db'))).toBe(false);
    const db = new Database(join(data, 'switchboard.db'), { readonly: true });
    const rows = db.prepare('SELECT status, client FROM requests ORDER BY created_at').all();
    db.close();
    expect(rows).toEqual([
      { status: 'ok', client: 'team' },
      { status: 'ok', client: 'team' },
    ]);
  });

  it('keeps its data beside the config file by default, takes the admin token from the environment, and stops on SIGINT', async () => {
    const configPath = writeConfig('beside', serverConfig());
    const adminToken = 'team-admin-token-kept-in-the-environment-file';
    const relay = spawnRelay(
      ['serve', '--config', configPath],
      serverEnv({ SWITCHBOARD_ADMIN_TOKEN: adminToken }),
    );
    const url = await relay.started;
    expect(relay.stderr()).toContain('no client key yet');
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    // the admin token a team sets lets its UI and /metrics in, and is never printed
    const status = await fetch(`${url}/admin/status`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(status.status).toBe(200);
    expect(relay.stderr()).not.toContain(adminToken);
    relay.child.kill('SIGINT');
    const [code] = (await once(relay.child, 'exit')) as [number | null];
    expect(code, relay.stderr()).toBe(0);
    expect(existsSync(join(folder, 'beside', 'switchboard.db'))).toBe(true);
  });

  it('refuses a missing config file with exit status 2 and the path it looked at', async () => {
    const result = await runRelay(['serve', '--config', join(folder, 'nowhere', 'config.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^switchboard: no config file at .*nowhere.config\.yaml/);
  });
});
