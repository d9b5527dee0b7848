import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';

/** Owner-only: the history holds every prompt's model, client names and costs; the cache, answers. */
const fileMode = 0o600;

/**
 * Creates the database file owner-only before SQLite does (SQLite gives its -wal and -shm files
 * the database's own mode), and narrows the files of an older install that were readable by others.
 */
function restrictFiles(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', fileMode));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, fileMode);
  }
}

/**
 * Opens (or creates) the history database at a file path or ':memory:', creating its folder, the
 * files readable by their owner only:
 * WAL so readers never block the writer, synchronous=NORMAL (a crash may lose the last
 * transactions but never corrupts the file), foreign keys on, a 5 s busy timeout for a second
 * process on the same file, and the schema migrated to the latest version. Throws (and closes the
 * file) when the database is from a newer Switchboard.
 */
export function openDatabase(path: string): Database.Database {
  if (path !== ':memory:' && path !== '') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') restrictFiles(path);
  }
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
