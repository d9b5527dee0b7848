import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/helpers/free-port.js';
import { createRelaySupervisor } from '../main/relay-supervisor.js';
import type { RelayStatus } from '../main/relay-supervisor.js';
import { spawnNodeRelay } from '../main/spawn-relay.js';

const entry = fileURLToPath(new URL('./relay-process.ts', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'switchboard-relay-process-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('relay process entry under plain Node, supervised', () => {
  it('reports a taken port, then serves on another port, and flushes its history on stop', async () => {
    const blocker = createServer();
    const taken = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    const statuses: RelayStatus[] = [];
    let reached: ((status: RelayStatus) => void) | undefined;
    const supervisor = createRelaySupervisor({
      port: taken,
      log: () => undefined,
      spawn: spawnNodeRelay({
        entry,
        // the TypeScript source, as a checkout runs it; the app runs the bundled entry instead
        execArgv: ['--import', 'tsx'],
        // rows wait a minute for their batch: only the stop itself can have written them
        args: ['--history-flush-ms', '60000'],
        env: { ...process.env, SWITCHBOARD_HOME: home, SWITCHBOARD_API_KEY: 'sb-test-client' },
      }),
      onStatus: (status) => (statuses.push(status), reached?.(status)),
    });
    const settled = () =>
      new Promise<RelayStatus>((resolve) => {
        reached = (status) => {
          if (status.state !== 'starting') resolve(status);
        };
      });
    try {
      let next = settled();
      supervisor.start();
      const inUse = await next;
      expect(inUse).toMatchObject({ state: 'port-in-use', port: taken });

      const port = await freePort();
      next = settled();
      supervisor.usePort(port);
      const running = await next;
      expect(running).toMatchObject({ state: 'running', port, url: `http://127.0.0.1:${port}`, home });
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      const adminToken = running.state === 'running' ? running.adminToken : '';
      const models = await fetch(`http://127.0.0.1:${port}/v1/models`, {
        headers: { authorization: 'Bearer sb-test-client' },
      });
      expect(models.status).toBe(200);
      const admin = await fetch(`http://127.0.0.1:${port}/admin/status`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(admin.status).toBe(200);
      const unknownModel = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer sb-test-client', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'nobody/nothing', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(unknownModel.status).toBeGreaterThanOrEqual(400);

      await supervisor.stop();
      expect(supervisor.status()).toEqual({ state: 'stopped', port });
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
      // the refused request reached the history although its batch was not due for a minute
      const db = new Database(join(home, 'switchboard.db'), { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT COUNT(*) AS n FROM requests').get()).toEqual({ n: 1 });
      db.close();
    } finally {
      await supervisor.stop();
      await new Promise((resolve) => blocker.close(resolve));
    }
    expect(statuses.map((status) => status.state)).toEqual([
      'starting',
      'port-in-use',
      'starting',
      'running',
      'stopped',
    ]);
  });

  it('honours a pause sent while the relay is still starting, without being killed', async () => {
    const port = await freePort();
    const kills: number[] = [];
    const supervisor = createRelaySupervisor({
      port,
      log: () => undefined,
      // the kill deadline is recorded and never fires: only the relay's own stop can end it
      timers: { setTimeout: (_run, ms) => kills.push(ms), clearTimeout: () => undefined },
      spawn: spawnNodeRelay({
        entry,
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, SWITCHBOARD_HOME: home },
      }),
    });
    supervisor.start();
    expect(supervisor.status().state).toBe('starting');
    await supervisor.pause();
    expect(supervisor.status()).toEqual({ state: 'paused', port });
    expect(kills).toEqual([5000]);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });
});
