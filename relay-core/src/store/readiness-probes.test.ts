import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.js';
import { ReadinessProbes, sqliteProbe } from './readiness-probes.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tempDatabase() {
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-ready-'));
  folders.push(folder);
  return openDatabase(join(folder, 'switchboard.db'));
}

describe('readiness probes', () => {
  it('is ready when every store answers, and names the one that does not', async () => {
    const probes = new ReadinessProbes();
    probes.register({ name: 'sqlite', check: () => undefined });
    probes.register({
      name: 'postgres',
      check: () => Promise.reject(new Error('connect ECONNREFUSED postgres://user:secret@db:5432')),
    });
    const report = await probes.check();
    expect(report).toEqual({ ready: false, stores: { sqlite: 'ok', postgres: 'failing' } });
    // the store's own error (which may hold its URL and password) stays out of the report
    expect(JSON.stringify(report)).not.toContain('secret');
  });

  it('answers within its bound when a store hangs', async () => {
    const probes = new ReadinessProbes(50);
    probes.register({ name: 'redis', check: () => new Promise<void>(() => undefined) });
    expect(await probes.check()).toEqual({ ready: false, stores: { redis: 'timeout' } });
  });

  it('runs one check for requests that arrive while it runs, and forgets a removed store', async () => {
    const probes = new ReadinessProbes();
    let checks = 0;
    const remove = probes.register({ name: 'sqlite', check: async () => void (checks += 1) });
    const reports = await Promise.all([probes.check(), probes.check(), probes.check()]);
    expect(checks).toBe(1);
    expect(reports.every((report) => report.ready)).toBe(true);
    remove();
    expect(await probes.check()).toEqual({ ready: true, stores: {} });
  });

  it('finds an open SQLite file ready, and a closed one failing', async () => {
    const db = tempDatabase();
    const probes = new ReadinessProbes();
    probes.register(sqliteProbe(db));
    expect(await probes.check()).toEqual({ ready: true, stores: { sqlite: 'ok' } });
    db.close();
    expect(await probes.check()).toEqual({ ready: false, stores: { sqlite: 'failing' } });
  });
});
