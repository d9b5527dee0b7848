import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { digestSecret } from '../secrets/digest-secret.js';

/** A client key as listed: never its hash, never the key. */
export interface ClientKeyRecord {
  id: number;
  name: string;
  /** The first characters of the key, to recognise it in lists. */
  prefix: string;
  createdAt: number;
  lastUsedAt?: number;
  revokedAt?: number;
}

const touchIntervalMs = 60_000;

// the same digest the request path computes once per request (createClientAuthenticator)
function hashKey(key: string): string {
  return digestSecret(key).toString('hex');
}

/**
 * Creates a client key for `/v1/*`. Only its SHA-256 hash and a short prefix are stored; the
 * key itself is returned once. Random 256-bit keys need no slow password hash.
 */
export function createClientKey(
  db: Database.Database,
  name: string,
  /** The key itself; default a new random one (the benchmarks store a fixed key). */
  key = `sb-${randomBytes(32).toString('base64url')}`,
): { key: string; record: ClientKeyRecord } {
  const trimmed = name.trim();
  if (trimmed === '') throw new Error('a client key needs a name (e.g. the tool or machine using it)');
  if (!/^[\w.@-]{1,64}$/.test(trimmed)) {
    throw new Error(`invalid client key name '${name}': use 1-64 letters, digits, '.', '_', '-' or '@'`);
  }
  const duplicate = () =>
    new Error(`a client key named '${trimmed}' already exists; revoke it first or pick another name`);
  if (db.prepare('SELECT 1 FROM client_keys WHERE name = ? AND revoked_at IS NULL').get(trimmed))
    throw duplicate();
  const createdAt = Date.now();
  const prefix = key.slice(0, 10);
  let result: Database.RunResult;
  try {
    result = db
      .prepare('INSERT INTO client_keys (name, key_hash, prefix, created_at) VALUES (?, ?, ?, ?)')
      .run(trimmed, hashKey(key), prefix, createdAt);
  } catch (error) {
    // another process created the same name between the check and the insert
    if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw duplicate();
    throw error;
  }
  return { key, record: { id: Number(result.lastInsertRowid), name: trimmed, prefix, createdAt } };
}

/** All keys, newest first, without hashes. */
export function listClientKeys(db: Database.Database): ClientKeyRecord[] {
  const rows = db
    .prepare(
      'SELECT id, name, prefix, created_at, last_used_at, revoked_at FROM client_keys ORDER BY created_at DESC, id DESC',
    )
    .all() as Array<{
    id: number;
    name: string;
    prefix: string;
    created_at: number;
    last_used_at: number | null;
    revoked_at: number | null;
  }>;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    ...(row.last_used_at === null ? {} : { lastUsedAt: row.last_used_at }),
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
  }));
}

// verification runs on every request: keep its statements prepared per database
const verifyStatements = new WeakMap<
  Database.Database,
  { lookup: Database.Statement; touch: Database.Statement }
>();

/** The active key's owner, or undefined. Marks it used at most once a minute. */
export function verifyClientKey(
  db: Database.Database,
  key: string,
): { id: number; name: string } | undefined {
  return verifyClientKeyDigest(db, hashKey(key));
}

/** `verifyClientKey` for a key already hashed (hex SHA-256). */
export function verifyClientKeyDigest(
  db: Database.Database,
  keyHash: string,
): { id: number; name: string } | undefined {
  let statements = verifyStatements.get(db);
  if (!statements) {
    statements = {
      lookup: db.prepare(
        'SELECT id, name, last_used_at FROM client_keys WHERE key_hash = ? AND revoked_at IS NULL',
      ),
      touch: db.prepare('UPDATE client_keys SET last_used_at = ? WHERE id = ?'),
    };
    verifyStatements.set(db, statements);
  }
  const row = statements.lookup.get(keyHash) as
    { id: number; name: string; last_used_at: number | null } | undefined;
  if (!row) return undefined;
  const now = Date.now();
  if (row.last_used_at === null || now - row.last_used_at > touchIntervalMs)
    statements.touch.run(now, row.id);
  return { id: row.id, name: row.name };
}

// revocations made by this process: a verifier forgets what it accepted when this changes
let revocations = 0;

/** Revokes the active key with that name; false when there is none. */
export function revokeClientKey(db: Database.Database, name: string): boolean {
  const revoked =
    db
      .prepare('UPDATE client_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL')
      .run(Date.now(), name.trim()).changes > 0;
  if (revoked) revocations += 1;
  return revoked;
}

/**
 * How long a stored key, once accepted, is trusted without a lookup. The lookup is a SQLite
 * query on every request otherwise: about 7 µs warm and 80 µs after a moment idle. A revocation
 * from this process (the UI, the admin API) takes effect at once; one from another process (the
 * CLI while the relay runs) within this time.
 */
export const storedKeyTrustMs = 1000;

/** `verifyClientKeyDigest` for the request path: accepted keys are trusted for `storedKeyTrustMs`. */
export function createStoredKeyVerifier(
  db: Database.Database,
  now: () => number = Date.now,
): (keyHash: string) => { id: number; name: string } | undefined {
  const accepted = new Map<
    string,
    { client: { id: number; name: string }; until: number; revocations: number }
  >();
  return (keyHash) => {
    const time = now();
    const known = accepted.get(keyHash);
    if (known && known.until > time && known.revocations === revocations) return known.client;
    const client = verifyClientKeyDigest(db, keyHash);
    if (!client) accepted.delete(keyHash);
    else {
      // a handful of tools send a key each; more than this is someone trying keys
      if (accepted.size >= 64) accepted.clear();
      accepted.set(keyHash, { client, until: time + storedKeyTrustMs, revocations });
    }
    return client;
  };
}

/** How many active keys exist. */
export function countClientKeys(db: Database.Database): number {
  return (
    db.prepare('SELECT COUNT(*) AS count FROM client_keys WHERE revoked_at IS NULL').get() as {
      count: number;
    }
  ).count;
}
