import type Database from 'better-sqlite3';
import { createHistoryReads } from './history-reads.js';
import { sqliteHistorySql } from './history-sql.js';
import type { HistoryStore } from './history-store.js';
import type { RequestRecord } from './history-records.js';
import type { SqliteHistoryThread } from './sqlite-history-thread.js';
import { createBatchWrite } from './write-history-batch.js';

/**
 * True when the error is about a record's content (a CHECK or NOT NULL violation, a value
 * SQLite cannot bind), so retrying that record can never succeed; any other error (disk full,
 * database locked) may pass and the record is kept.
 */
function isRecordError(error: unknown, db: Database.Database): boolean {
  // better-sqlite3 throws TypeError for a value it cannot bind, and for a closed connection
  if (error instanceof TypeError || error instanceof RangeError) return db.open;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH');
}

/**
 * The history in switchboard.db, beside the relay's local things. Batches are written on the
 * history thread when one is given (off the event loop), else synchronously; the connection
 * belongs to the caller, so `close` leaves it open (and ends the thread).
 */
export function createSqliteHistoryStore(
  db: Database.Database,
  thread?: SqliteHistoryThread,
  /** The batch writer on `db`, when the caller prepared it already (the thread's fallback). */
  writeBatch: (batch: readonly RequestRecord[]) => void = createBatchWrite(db),
): HistoryStore {
  return {
    engine: 'sqlite',
    ...createHistoryReads(sqliteHistorySql(db)),
    writeBatch: thread ? (batch) => thread.writeBatch(batch) : writeBatch,
    rejects: (error) => isRecordError(error, db),
    ...(thread
      ? {
          writeNow: (batch: readonly RequestRecord[]) => {
            thread.drain();
            if (batch.length > 0) writeBatch(batch);
          },
        }
      : {}),
    check: async () => {
      if (!db.open) throw new Error('the history database is closed');
      db.prepare('SELECT 1').get();
    },
    close: async () => thread?.close(),
  };
}
