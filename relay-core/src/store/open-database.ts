import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';

/**
 * Opens (or creates) the history database at a file path or ':memory:', creating its folder:
 * WAL so readers never block the writer, synchronous=NORMAL (a crash may lose the last
 * transactions but never corrupts the file), foreign keys on, a 5 s busy timeout for a second
 * process on the same file, and the schema migrated to the latest version. Throws (and closes the
 * file) when the database is from a newer Switchboard.
 */
export function openDatabase(path: string): Database.Database {
  if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
