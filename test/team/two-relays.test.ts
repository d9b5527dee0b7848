import { execFile, spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import type { APIError } from 'openai';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { startEmulator } from '../../relay-core/src/emulator/index.js';
import type { Emulator } from '../../relay-core/src/emulator/index.js';
import { startPostgres, startRedis, storesRequired, storesSkipReason } from '../helpers/team-stores.js';
import type { StoreServer } from '../helpers/team-stores.js';

// Two relay processes, started as a team runs them (`serve --config` on the bundle under plain
// Node), with one PostgreSQL history, one Redis state and one emulator: what one relay learns
// (an answer, a spend, an open circuit) the other must act on, and a store going away mid-load
// must cost no client an answer and the history no record.
const root = fileURLToPath(new URL('../../', import.meta.url));
const clientKey = 'sb-team-processes-client-key';
const adminToken = 'team-processes-admin-token-of-the-test-suite';
// one key per provider, so the emulator's calls say which provider was asked
const keys = {
  openai: 'sk-team-openai-Hq7Xk2Vb9Kp4Tz8Lw3Nc6Rf1',
  backup: 'sk-team-backup-Yd5Gs0Aj2Ue7Io4Pk9Mb3Qz8',
  flaky: 'sk-team-flaky-Tn4Wc8Lp2Xr6Vb1Hs9Jd3Kf7',
};
const budgetUsd = 0.006;

interface Relay {
  name: string;
  url: string;
  child: ChildProcessWithoutNullStreams;
  stderr: () => string;
  openai: OpenAI;
}
interface AdminStatus {
  history: { pending: number; failing: boolean };
  state: { shared: boolean };
}

describe.skipIf(!storesRequired)(`two relay processes, one service (${storesSkipReason})`, () => {
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-team-'));
  let emulator: Emulator;
  let postgres: StoreServer;
  let redis: StoreServer;
  let relays: [Relay, Relay];

  const config = () => `# a team relay
server:
  host: 127.0.0.1
  port: 0
providers:
  - id: openai
    base_url: ${emulator.url}/v1
  - id: backup
    preset: openai
    base_url: ${emulator.url}/v1
  - id: flaky
    preset: openai
    base_url: ${emulator.url}/v1
routes:
  - name: flaky-first
    targets: [flaky/gpt-4.1-nano, backup/gpt-4.1-nano]
fallback:
  breaker:
    failures: 2
    cooldown_ms: 600000
# the load and the cache go through a provider that costs nothing, so only the budget test spends
prices:
  - model: backup/gpt-4.1-nano
    input: 0
    output: 0
clients:
  - name: env
    spend_per_day_usd: ${budgetUsd}
storage:
  history: ${postgres.url}
  state: ${redis.url}
`;

  async function startRelay(name: string): Promise<Relay> {
    const home = join(folder, name);
    mkdirSync(home, { recursive: true });
    // one config file for both, as relays on one machine share it: an edit reaches each
    const configPath = join(folder, 'config.yaml');
    if (!existsSync(configPath)) writeFileSync(configPath, config());
    // @ts-expect-error: a plain JavaScript script, without types
    const { relayCommand } = (await import('../../scripts/relay-command.mjs')) as {
      relayCommand: (root: string, args: string[]) => string[];
    };
    const child = spawn(
      process.execPath,
      relayCommand(root, ['serve', '--config', configPath, '--home', home]),
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          SWITCHBOARD_API_KEY: clientKey,
          SWITCHBOARD_ADMIN_TOKEN: adminToken,
          SWITCHBOARD_SECRETS_PASSPHRASE: 'team-processes-test',
          OPENAI_API_KEY: keys.openai,
          SWITCHBOARD_KEY_BACKUP: keys.backup,
          SWITCHBOARD_KEY_FLAKY: keys.flaky,
        },
      },
    );
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk) => {
        stderr += String(chunk);
        const found = /serving on (http:\/\/\S+)/.exec(stderr)?.[1];
        if (found) resolve(found);
      });
      child.once('exit', () => reject(new Error(`relay ${name} exited before it listened: ${stderr}`)));
    });
    child.stdout.resume();
    const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: clientKey, maxRetries: 0 });
    return { name, url, child, stderr: () => stderr, openai };
  }

  const admin = async <T>(relay: Relay, path: string): Promise<T> => {
    const response = await fetch(`${relay.url}${path}`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };

  /** The emulator's chat calls made with one provider's key. */
  const callsOf = (provider: keyof typeof keys) =>
    emulator.calls.filter(
      (call) =>
        call.path === '/v1/chat/completions' && call.headers.authorization === `Bearer ${keys[provider]}`,
    ).length;

  async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  /** Waits until both relays have written every record they hold to PostgreSQL. */
  async function flushed(): Promise<void> {
    for (const relay of relays)
      await expect
        .poll(async () => (await admin<AdminStatus>(relay, '/admin/status')).history, {
          timeout: 30_000,
          interval: 50,
        })
        .toMatchObject({ pending: 0, failing: false });
  }

  /** Waits until both relays share state through Redis. */
  async function bothShared(): Promise<void> {
    for (const relay of relays)
      await vi.waitFor(
        async () => expect((await admin<AdminStatus>(relay, '/admin/status')).state.shared).toBe(true),
        { timeout: 10_000 },
      );
  }

  beforeAll(async () => {
    // builds dist/relay/cli.js when stale, as `npm run relay` does (`--help` only prints the usage)
    const build = promisify(execFile)(process.execPath, ['scripts/run-relay.mjs', '--help'], { cwd: root });
    [emulator, postgres, redis] = await Promise.all([startEmulator(), startPostgres(), startRedis()]);
    await build;
    relays = await Promise.all([startRelay('a'), startRelay('b')]);
    await bothShared();
  }, 120_000);

  afterAll(async () => {
    for (const relay of relays ?? []) {
      if (relay.child.exitCode !== null) continue;
      const exited = once(relay.child, 'exit');
      relay.child.kill('SIGTERM');
      await exited;
    }
    await Promise.all([emulator?.close(), postgres?.stop(), redis?.stop()]);
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves an answer bought through one relay from the cache through the other', async () => {
    const ask = (relay: Relay) =>
      relay.openai.chat.completions
        .create({
          model: 'backup/gpt-4.1-nano',
          messages: [{ role: 'user', content: 'Name a river.' }],
          temperature: 0,
          max_tokens: 10,
        })
        .withResponse()
        .then(({ response }) => response.headers.get('x-relay-cache'));
    const [a, b] = relays;
    expect(await ask(a)).toBe('miss');
    // the answer reaches Redis just after the client has it
    const watcher = new Redis(redis.url);
    try {
      await expect.poll(() => watcher.zcard('switchboard:answers:order')).toBeGreaterThan(0);
    } finally {
      watcher.disconnect();
    }
    expect(await ask(b)).toBe('hit-exact');
    expect(callsOf('backup')).toBe(1);
  });

  it('serves a route added to the shared config through both relays', async () => {
    const configPath = join(folder, 'config.yaml');
    const ask = (relay: Relay) =>
      relay.openai.chat.completions
        .create({ model: 'team-new', messages: [{ role: 'user', content: 'Name a bridge.' }] })
        .then(
          () => 200,
          (error: APIError) => error.status,
        );
    expect(await ask(relays[0])).toBe(404);
    writeFileSync(
      configPath,
      readFileSync(configPath, 'utf8').replace(
        'routes:\n',
        'routes:\n  - name: team-new\n    targets: [backup/gpt-4.1-nano]\n',
      ),
    );
    for (const relay of relays)
      await vi.waitFor(async () => expect(await ask(relay)).toBe(200), { timeout: 15_000 });
  });

  it('honours, through the other relay, a circuit one relay opened, within 100 ms', async () => {
    const [a, b] = relays;
    emulator.inject({ status: 500, match: { key: keys.flaky }, times: Infinity });
    onTestFinished(() => emulator.clearFaults());
    const ask = (relay: Relay) =>
      relay.openai.chat.completions
        .create({ model: 'flaky-first', messages: [{ role: 'user', content: 'Name a bird.' }] })
        .withResponse()
        .then(({ response }) => ({
          provider: response.headers.get('x-relay-provider'),
          attempts: response.headers.get('x-relay-attempts'),
        }));
    type Health = { targets: Array<{ target: string; state?: string }> };
    const open = async (relay: Relay) =>
      (await admin<Health>(relay, '/admin/routing/health')).targets.some(
        (target) => target.target === 'flaky/gpt-4.1-nano' && target.state === 'open',
      );
    // each request through A fails on flaky and is answered by backup; the second failure opens A's circuit
    expect(await ask(a)).toEqual({ provider: 'backup', attempts: '2' });
    expect(await open(a)).toBe(false);
    const failuresBefore = callsOf('flaky');
    const opening = ask(a);
    // timed from the failing call's arrival upstream, a little before A opens its circuit
    while (callsOf('flaky') === failuresBefore) await new Promise((resolve) => setImmediate(resolve));
    const failedAt = performance.now();
    let seen = false;
    while (!seen && performance.now() - failedAt < 1_000) seen = await open(b);
    const elapsed = performance.now() - failedAt;
    expect(await opening).toEqual({ provider: 'backup', attempts: '2' });
    expect(await open(a)).toBe(true);
    expect(seen).toBe(true);
    expect(elapsed).toBeLessThan(100);
    const flakyCalls = callsOf('flaky');
    expect(await ask(b)).toEqual({ provider: 'backup', attempts: '1' });
    expect(callsOf('flaky')).toBe(flakyCalls);
  });

  it('loses no record and answers every request while Redis and then PostgreSQL are killed and restarted', async () => {
    await flushed();
    const loadStart = Date.now();
    const total = 320;
    const ids: string[] = [];
    const failures: string[] = [];
    let sent = 0;
    const done = () => ids.length + failures.length;
    const client = async (index: number) => {
      while (sent < total) {
        const n = sent++;
        const relay = relays[(n + index) % 2]!;
        try {
          const response = await fetch(`${relay.url}/v1/chat/completions`, {
            method: 'POST',
            headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              model: 'backup/gpt-4.1-nano',
              messages: [{ role: 'user', content: `Invent holiday number ${n}.` }],
              ...(n % 4 === 0 ? { stream: true } : {}),
            }),
          });
          const text = await response.text();
          if (response.status === 200 && !/"error"/.test(text.slice(-300)))
            ids.push(response.headers.get('x-relay-request-id')!);
          else failures.push(`${relay.name} ${response.status} ${text.slice(0, 200)}`);
        } catch (error) {
          failures.push(`${relay.name} ${String(error)}`);
        }
      }
    };
    const reached = (count: number) =>
      expect.poll(done, { timeout: 30_000, interval: 5 }).toBeGreaterThanOrEqual(count);
    const load = Promise.all([0, 1, 2, 3].map((index) => client(index)));
    const outages = (async () => {
      await reached(40);
      await redis.kill();
      await reached(100);
      await redis.restart();
      await reached(150);
      await postgres.kill();
      const downAt = done();
      await reached(220);
      expect(done() - downAt).toBeGreaterThan(50);
      await postgres.restart();
    })();
    await Promise.all([load, outages]);
    expect(failures, relays.map((relay) => relay.stderr()).join('\n')).toEqual([]);
    expect(ids).toHaveLength(total);

    // both relays are back on the shared state
    await bothShared();

    // a stop writes what the relays hold, without waiting out the writer's backed-off retry
    for (const relay of relays) {
      const exited = once(relay.child, 'exit');
      relay.child.kill('SIGTERM');
      expect((await exited)[0], relay.stderr()).toBe(0);
      expect(relay.stderr()).toContain('history written');
    }
    const rows = await query<{ id: string }>('SELECT id FROM requests WHERE id = ANY($1)', [ids]);
    expect(rows.map((row) => row.id).sort()).toEqual([...ids].sort());
    // nothing recorded twice, or under another id
    const [recorded] = await query<{ n: number }>(
      'SELECT COUNT(*)::int AS n FROM requests WHERE created_at >= $1',
      [loadStart],
    );
    expect(recorded?.n).toBe(total);
  }, 90_000);

  it('holds one budget across both relays: a burst overspends by at most one request per relay, and a spend through one refuses through the other', async () => {
    // the relays stopped at the end of the load start again, on the same data folders
    relays = await Promise.all([startRelay('a'), startRelay('b')]);
    await bothShared();
    const [a, b] = relays;
    const ask = (relay: Relay, n: number) =>
      relay.openai.chat.completions
        .create({ model: 'openai/gpt-4.1-nano', messages: [{ role: 'user', content: `Name a lake, ${n}.` }] })
        .then(
          () => 200,
          (error: APIError) => {
            expect(error.status, error.message).toBe(429);
            expect(error.message).toMatch(/client 'env' has spent \$0\.\d+ this day/);
            return 429;
          },
        );
    const burst = await Promise.all(Array.from({ length: 60 }, (_, n) => ask(relays[n % 2]!, n)));
    expect(burst).toContain(200);
    // what the burst left is spent through A alone, until A refuses
    let last = 200;
    for (let n = 100; n < 160 && last === 200; n++) last = await ask(a, n);
    expect(last).toBe(429);
    const openaiCalls = callsOf('openai');
    expect(await ask(b, 200)).toBe(429);
    expect(callsOf('openai')).toBe(openaiCalls);

    await flushed();
    const [spend] = await query<{ sum: number; max: number; n: number }>(
      "SELECT SUM(cost_usd)::float8 AS sum, MAX(cost_usd)::float8 AS max, COUNT(*)::int AS n FROM requests WHERE client = 'env' AND provider = 'openai' AND status = 'ok'",
    );
    expect(spend!.n).toBe(openaiCalls);
    expect(spend!.max).toBeGreaterThan(0);
    expect(spend!.sum).toBeLessThanOrEqual(budgetUsd + 2 * spend!.max);
  }, 60_000);
});
