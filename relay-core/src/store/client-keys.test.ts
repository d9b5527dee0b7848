import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  countClientKeys,
  createClientKey,
  listClientKeys,
  revokeClientKey,
  verifyClientKey,
} from './client-keys.js';
import { openDatabase } from './open-database.js';
import { migrate, migrations } from './migrations.js';

describe('client keys', () => {
  it('stores only a hash: the key never appears in the database file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-keys-'));
    const path = join(dir, 'switchboard.db');
    const db = openDatabase(path);
    const { key, record } = createClientKey(db, 'laptop');
    expect(key).toMatch(/^sb-[A-Za-z0-9_-]{43}$/);
    expect(record.prefix).toBe(key.slice(0, 10));
    db.pragma('wal_checkpoint(FULL)');
    db.close();
    const bytes = readFileSync(path).toString('latin1');
    expect(bytes).not.toContain(key);
    expect(bytes).not.toContain(key.slice(10));
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies, lists without secrets, refuses duplicates and revokes', () => {
    const db = openDatabase(':memory:');
    const { key } = createClientKey(db, 'ci');
    expect(verifyClientKey(db, key)).toMatchObject({ name: 'ci' });
    expect(verifyClientKey(db, `${key}x`)).toBeUndefined();
    expect(() => createClientKey(db, 'ci')).toThrow(/already exists/);
    expect(() => createClientKey(db, 'bad name!')).toThrow(/invalid client key name/);
    expect(JSON.stringify(listClientKeys(db))).not.toContain(key);
    expect(countClientKeys(db)).toBe(1);
    expect(revokeClientKey(db, 'ci')).toBe(true);
    expect(verifyClientKey(db, key)).toBeUndefined();
    expect(revokeClientKey(db, 'ci')).toBe(false);
    // the name is free again after revocation
    expect(createClientKey(db, 'ci').key).not.toBe(key);
  });
});

describe('migrations', () => {
  it('are idempotent and refuse a database from a newer version', () => {
    const db = openDatabase(':memory:');
    expect(migrate(db)).toBe(migrations.at(-1)!.version);
    db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (999, ?, 0)').run('future');
    expect(() => migrate(db)).toThrow(/newer than this Switchboard knows/);
  });
});
