import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CanonicalResponse } from '../canonical/types.js';
import { openDatabase } from '../store/open-database.js';
import { CacheStore } from './cache-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const answer = (text: string): CanonicalResponse => ({
  id: 'chatcmpl-1',
  model: 'gpt-4.1-nano',
  created: 1,
  content: [{ type: 'text', text }],
  finishReason: 'stop',
});

const write = (key: string, text: string, expiresAt = 1e15) => ({
  key,
  scope: 's',
  answer: answer(text),
  provider: 'openai',
  upstreamModel: 'gpt-4.1-nano',
  costUsd: 0.001,
  expiresAt,
});

const storedBytes = (store: CacheStore, db: ReturnType<typeof openDatabase>) => ({
  counted: store.size(),
  inTable: (db.prepare('SELECT COALESCE(SUM(size_bytes), 0) AS b FROM cache_entries').get() as { b: number })
    .b,
  payload: (
    db.prepare('SELECT COALESCE(SUM(length(answer)), 0) AS b FROM cache_entries').get() as { b: number }
  ).b,
});

describe('CacheStore', () => {
  it('evicts the least recently used entries to stay under the size limit', () => {
    const db = openDatabase(':memory:');
    const store = new CacheStore(db);
    const maxBytes = 20_000;
    const text = 'x'.repeat(1_500);
    for (let i = 0; i < 40; i++) {
      store.put(write(`k${i}`, text), 1_000 + i, maxBytes);
      // k0 is read after every write: recently used, so it stays
      expect(store.get('k0', 1_000 + i)).toBeDefined();
      store.recordHit('k0', 1_000 + i);
      store.flushHits();
      const bytes = storedBytes(store, db);
      expect(bytes.inTable).toBe(bytes.counted);
      expect(bytes.inTable).toBeLessThanOrEqual(maxBytes);
      expect(bytes.payload).toBeLessThan(maxBytes);
    }
    expect(store.get('k0', 2_000)).toBeDefined();
    expect(store.get('k1', 2_000)).toBeUndefined();
    expect(store.get('k39', 2_000)?.answer.content).toEqual([{ type: 'text', text }]);
  });

  it('keeps the database file bounded while answers keep coming', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-cache-'));
    dirs.push(dir);
    const path = join(dir, 'switchboard.db');
    const db = openDatabase(path);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const empty = statSync(path).size;
    const store = new CacheStore(db);
    const maxBytes = 256 * 1024;
    for (let i = 0; i < 2_000; i++) store.put(write(`k${i}`, `${i} ${'y'.repeat(2_000)}`), i, maxBytes);
    db.pragma('wal_checkpoint(TRUNCATE)');
    // 4 MB of answers went in; the file holds the empty schema, the limit and SQLite's page slack
    expect(statSync(path).size - empty).toBeLessThan(maxBytes);
    expect(store.size()).toBeLessThanOrEqual(maxBytes);
    db.close();
  });

  it('answers nothing past its expiry and nothing for an entry larger than the whole cache', () => {
    const db = openDatabase(':memory:');
    const store = new CacheStore(db);
    store.put(write('short', 'soon gone', 5_000), 1_000, 1e6);
    expect(store.get('short', 4_999)).toBeDefined();
    expect(store.get('short', 5_000)).toBeUndefined();
    store.put(write('huge', 'z'.repeat(10_000)), 1_000, 5_000);
    expect(store.get('huge', 1_001)).toBeUndefined();
  });

  it('survives reopening the database file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-cache-'));
    dirs.push(dir);
    const path = join(dir, 'switchboard.db');
    const first = openDatabase(path);
    new CacheStore(first).put(write('kept', 'still here'), 1_000, 1e6);
    first.close();
    const reopened = openDatabase(path);
    const store = new CacheStore(reopened);
    expect(store.get('kept', 2_000)?.answer.content).toEqual([{ type: 'text', text: 'still here' }]);
    expect(store.size()).toBeGreaterThan(0);
    reopened.close();
  });
});
