import type Database from 'better-sqlite3';
import { createClientKey, listClientKeys, revokeClientKey, verifyClientKey } from '../store/client-keys.js';

/** The client key a tool is connected with, and how connecting came by it. */
export interface ToolKey {
  key: string;
  prefix: string;
  outcome: 'reused' | 'created' | 'rotated';
}

/**
 * A connected tool keeps the key its settings already hold while that key is still the active
 * key of its name (connecting again changes nothing then). Otherwise the active key of that name,
 * whose value is nowhere to be read again, is revoked and a new one created.
 */
export function keyForTool(db: Database.Database, name: string, held: readonly unknown[]): ToolKey {
  for (const value of held) {
    if (typeof value === 'string' && value !== '' && verifyClientKey(db, value)?.name === name)
      return { key: value, prefix: value.slice(0, 10), outcome: 'reused' };
  }
  const rotated = revokeClientKey(db, name);
  const { key, record } = createClientKey(db, name);
  return { key, prefix: record.prefix, outcome: rotated ? 'rotated' : 'created' };
}

/** Revokes the tool's key, only when it is still the one connect made (not a later one of the same name). */
export function revokeToolKey(db: Database.Database, name: string, prefix: string): boolean {
  const active = listClientKeys(db).find((key) => key.name === name && key.revokedAt === undefined);
  return active?.prefix === prefix ? revokeClientKey(db, name) : false;
}
