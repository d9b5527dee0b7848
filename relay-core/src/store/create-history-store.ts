import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { createHistorySpool } from './history-spool.js';
import type { HistorySpool } from './history-spool.js';
import type { HistoryStore } from './history-store.js';
import { createPostgresHistoryStore } from './postgres/postgres-history-store.js';
import { createSqliteHistoryStore } from './sqlite-history-store.js';
import { startSqliteHistoryThread } from './sqlite-history-thread.js';
import { createBatchWrite } from './write-history-batch.js';

/** The spool's bound on disk: past it, records are dropped and counted. */
const maxSpoolBytes = 1 << 30;

/**
 * The history store `storage.history` names: switchboard.db (`sqlite`), or a PostgreSQL URL with a
 * spool file in the data folder for records written while it is away. The local SQLite needs no
 * spool: when it fails, the disk itself is the problem.
 */
export function createHistoryStore(
  setting: string,
  local: { db: Database.Database; dbPath: string; home: string; log: (line: string) => void },
): { store: HistoryStore; spool?: HistorySpool } {
  if (setting === 'sqlite') {
    // written on a thread of its own, off the requests' event loop; on this one if it cannot start
    const writeBatch = createBatchWrite(local.db);
    const thread = startSqliteHistoryThread(local.dbPath, { fallback: writeBatch });
    return { store: createSqliteHistoryStore(local.db, thread, writeBatch) };
  }
  return {
    store: createPostgresHistoryStore(setting, {
      onError: (error) => local.log(`history: PostgreSQL connection lost: ${error.message}`),
    }),
    spool: createHistorySpool(join(local.home, 'history-spool.jsonl'), maxSpoolBytes),
  };
}
