import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  countClientKeys,
  createClientKey,
  createStoredKeyVerifier,
  listClientKeys,
  storedKeyTrustMs,
  revokeClientKey,
  verifyClientKey,
} from './client-keys.js';
import { openDatabase } from './open-database.js';
import { digestSecret } from '../secrets/digest-secret.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('client keys', () => {
  it('stores only a hash: the key appears nowhere in the database files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-keys-'));
    try {
      const path = join(dir, 'switchboard.db');
      const db = openDatabase(path);
      const { key, record } = createClientKey(db, 'laptop');
      expect(key).toMatch(/^sb-[A-Za-z0-9_-]{43}$/);
      expect(record).toMatchObject({ name: 'laptop', prefix: key.slice(0, 10) });
      const stored = db.prepare('SELECT * FROM client_keys').get() as Record<string, unknown>;
      expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);
      // read the bytes while the WAL is still there, then again after checkpointing into the file
      const bytes = () =>
        readdirSync(dir)
          .map((file) => readFileSync(join(dir, file)).toString('latin1'))
          .join('\n');
      const beforeCheckpoint = bytes();
      db.pragma('wal_checkpoint(TRUNCATE)');
      for (const text of [beforeCheckpoint, bytes()]) {
        expect(text).toContain('laptop');
        expect(text).not.toContain(key);
        expect(text).not.toContain(key.slice(10));
      }
      db.close();
      expect(bytes()).not.toContain(key.slice(10));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('verifies an active key and nothing else', () => {
    const db = openDatabase(':memory:');
    const { key, record } = createClientKey(db, 'ci');
    expect(verifyClientKey(db, key)).toEqual({ id: record.id, name: 'ci' });
    expect(verifyClientKey(db, `${key}x`)).toBeUndefined();
    expect(verifyClientKey(db, key.slice(0, -1))).toBeUndefined();
    expect(verifyClientKey(db, '')).toBeUndefined();
  });

  it('lists keys without hashes or keys', () => {
    const db = openDatabase(':memory:');
    const { key } = createClientKey(db, 'ci');
    createClientKey(db, 'laptop');
    const list = listClientKeys(db);
    expect(list.map((entry) => entry.name).sort()).toEqual(['ci', 'laptop']);
    expect(JSON.stringify(list)).not.toContain(key.slice(10));
    expect(JSON.stringify(list)).not.toMatch(/hash/i);
    expect(list[0]).not.toHaveProperty('lastUsedAt');
  });

  it('refuses an empty, invalid or duplicate name with a clear error', () => {
    const db = openDatabase(':memory:');
    createClientKey(db, 'ci');
    expect(() => createClientKey(db, '')).toThrow(/needs a name/);
    expect(() => createClientKey(db, '   ')).toThrow(/needs a name/);
    expect(() => createClientKey(db, 'bad name!')).toThrow(/invalid client key name/);
    expect(() => createClientKey(db, 'ci')).toThrow(/a client key named 'ci' already exists/);
    expect(() => createClientKey(db, ' ci ')).toThrow(/already exists/);
    expect(countClientKeys(db)).toBe(1);
  });

  it('revokes by name; the key stops working and the name is free again', () => {
    const db = openDatabase(':memory:');
    const { key } = createClientKey(db, 'ci');
    expect(revokeClientKey(db, 'ci')).toBe(true);
    expect(verifyClientKey(db, key)).toBeUndefined();
    expect(revokeClientKey(db, 'ci')).toBe(false);
    expect(revokeClientKey(db, 'nobody')).toBe(false);
    expect(countClientKeys(db)).toBe(0);
    expect(listClientKeys(db)[0]?.revokedAt).toEqual(expect.any(Number));
    const again = createClientKey(db, 'ci');
    expect(again.key).not.toBe(key);
    expect(verifyClientKey(db, again.key)?.name).toBe('ci');
    expect(countClientKeys(db)).toBe(1);
  });

  it('a key revoked by this process is refused on the next request, although it was just accepted', () => {
    const db = openDatabase(':memory:');
    const verify = createStoredKeyVerifier(db);
    const { key } = createClientKey(db, 'aider');
    const digest = digestSecret(key).toString('hex');
    expect(verify(digest)?.name).toBe('aider');
    revokeClientKey(db, 'aider');
    expect(verify(digest)).toBeUndefined();
  });

  it('a key revoked by another process (the CLI) is refused once the trust window has passed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-keys-'));
    try {
      const path = join(dir, 'switchboard.db');
      const relayDb = openDatabase(path);
      let now = 1_000_000;
      const verify = createStoredKeyVerifier(relayDb, () => now);
      const { key } = createClientKey(relayDb, 'laptop');
      const digest = digestSecret(key).toString('hex');
      expect(verify(digest)?.name).toBe('laptop');
      // another connection to the same file, as `npm run relay -- keys revoke laptop` opens
      const cliDb = openDatabase(path);
      cliDb.prepare('UPDATE client_keys SET revoked_at = ? WHERE name = ?').run(now, 'laptop');
      cliDb.close();
      now += storedKeyTrustMs;
      expect(verify(digest)).toBeUndefined();
      relayDb.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a key created after an unknown one was tried works at once (refusals are not remembered)', () => {
    const db = openDatabase(':memory:');
    const verify = createStoredKeyVerifier(db);
    const key = 'sb-chosen-by-the-caller';
    const digest = digestSecret(key).toString('hex');
    expect(verify(digest)).toBeUndefined();
    createClientKey(db, 'late', key);
    expect(verify(digest)?.name).toBe('late');
  });

  it('marks a key used at most once a minute', () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
    const db = openDatabase(':memory:');
    const { key } = createClientKey(db, 'ci');
    const lastUsed = () => listClientKeys(db)[0]?.lastUsedAt;
    expect(lastUsed()).toBeUndefined();
    verifyClientKey(db, key);
    expect(lastUsed()).toBe(1_000_000);
    vi.setSystemTime(1_000_000 + 60_000);
    verifyClientKey(db, key);
    expect(lastUsed()).toBe(1_000_000);
    vi.setSystemTime(1_000_000 + 60_001);
    verifyClientKey(db, key);
    expect(lastUsed()).toBe(1_060_001);
  });
});
