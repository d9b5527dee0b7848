import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.js';

const folders: string[] = [];
const newFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-db-'));
  folders.push(folder);
  return folder;
};
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('openDatabase file modes', () => {
  it('creates switchboard.db and its WAL files readable by the owner only', () => {
    const path = join(newFolder(), 'switchboard.db');
    const db = openDatabase(path);
    db.prepare(
      "INSERT INTO client_keys (name, key_hash, prefix, created_at) VALUES ('a', 'h', 'p', 0)",
    ).run();
    expect([modeOf(path), modeOf(`${path}-wal`), modeOf(`${path}-shm`)]).toEqual([0o600, 0o600, 0o600]);
    db.close();
  });

  it("narrows an older install's database that others could read", () => {
    const path = join(newFolder(), 'switchboard.db');
    openDatabase(path).close();
    chmodSync(path, 0o644);
    writeFileSync(`${path}-wal`, '', { mode: 0o644 });
    openDatabase(path).close();
    expect(modeOf(path)).toBe(0o600);
  });
});
