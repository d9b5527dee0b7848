import type Database from 'better-sqlite3';
import type { RequestRecord } from './history-records.js';
import { createBatchWrite } from './write-history-batch.js';

export type { AttemptRecord, RequestRecord } from './history-records.js';

/** The batched writer behind the request history (see createHistoryWriter). */
export interface HistoryWriter {
  /** Queues a record; the database is written later, never on the caller's stack. */
  record(entry: RequestRecord): void;
  /**
   * Writes everything queued, requests and their attempts, in one transaction, and returns once it
   * is written (waiting for the writer's thread, when it has one).
   */
  flush(): void;
  /** Flushes and stops the timer. */
  close(): void;
  /** Records queued and not yet written. */
  pending(): number;
}

/** What became of the records of a failed write. */
export interface HistoryWriteFailure {
  /** Records kept in the queue for the next flush. */
  retrying: number;
  /** Records given up: rejected by the schema, or past `maxPending`. */
  dropped: number;
}

/** Tuning and error reporting of createHistoryWriter. */
export interface HistoryWriterOptions {
  /** Flush as soon as this many records are queued (default 256). */
  batchSize?: number;
  /** Flush at most this long after the first queued record (default 50 ms). */
  flushIntervalMs?: number;
  /** Records kept for retry after failed flushes, at most; the oldest go first (default 100,000). */
  maxPending?: number;
  /** Told about every failed write; the writer itself never throws from a timer. */
  onError?: (error: unknown, failure: HistoryWriteFailure) => void;
  /**
   * Writes batches on another thread (store/sqlite-history-thread.ts) instead of on the caller's,
   * so the transaction does not hold the event loop that serves requests.
   */
  thread?: HistoryThread;
}

/** A batch writer off the event loop, with a way to wait for what it was handed. */
export interface HistoryThread {
  /** Writes a batch in one transaction, as createBatchWrite does; rejects with its error. */
  writeBatch(batch: readonly RequestRecord[]): Promise<void>;
  /** Returns once every batch handed over has been written or has failed (its promise settled). */
  drain(): void;
}

const maxRetryDelayMs = 30_000;

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
 * Batches history inserts so requests never wait on SQLite. A crash loses at most the records
 * queued since the last flush (by default 50 ms' worth). A failed flush keeps its records for the
 * next one (bounded by `maxPending`), except records the schema rejects: those are reported
 * through `onError` and dropped, so one bad record cannot block the history for good.
 */
export function createHistoryWriter(
  db: Database.Database,
  options: HistoryWriterOptions = {},
): HistoryWriter {
  const batchSize = Math.max(1, options.batchSize ?? 256);
  const flushIntervalMs = options.flushIntervalMs ?? 50;
  const maxPending = options.maxPending ?? 100_000;
  const thread = options.thread;
  const writeBatch = thread ? undefined : createBatchWrite(db);
  let queue: RequestRecord[] = [];
  // records handed to the thread and not yet written
  let inFlight = 0;
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  let closed = false;
  // consecutive failed flushes: retries back off so a broken disk is not hammered (and logged) every 50 ms
  let failures = 0;

  function report(error: unknown, failure: HistoryWriteFailure): void {
    try {
      options.onError?.(error, failure);
    } catch {
      // a throwing logger must not take the writer down with it
    }
  }

  function retry(records: RequestRecord[], error: unknown, dropped = 0): void {
    queue = records.concat(queue);
    const overflow = Math.max(0, queue.length - maxPending);
    if (overflow > 0) queue = queue.slice(overflow);
    report(error, { retrying: queue.length, dropped: dropped + overflow });
  }

  /** Writes a batch on this thread or the other, and tells `done` how it went. */
  function write(batch: RequestRecord[], done: (failed: boolean, error?: unknown) => void): void {
    if (thread) {
      inFlight += batch.length;
      thread.writeBatch(batch).then(
        () => {
          inFlight -= batch.length;
          done(false);
        },
        (error: unknown) => {
          inFlight -= batch.length;
          done(true, error);
        },
      );
      return;
    }
    try {
      writeBatch!(batch);
    } catch (error) {
      done(true, error);
      return;
    }
    done(false);
  }

  /** After a write that left records to retry, or none: the next flush, backed off while failing. */
  function afterWrite(): void {
    failures = queue.length > 0 ? failures + 1 : 0;
    if (queue.length > 0) schedule();
  }

  /** The batch failed because of some record in it: write the others one by one, drop the bad. */
  function writeOneByOne(batch: RequestRecord[]): void {
    const kept: RequestRecord[] = [];
    let lastError: unknown;
    let left = batch.length;
    for (const record of batch) {
      write([record], (failed, error) => {
        if (failed && isRecordError(error, db)) {
          report(
            new Error(`history record ${record.id} rejected and dropped: ${String(error)}`, { cause: error }),
            {
              retrying: 0,
              dropped: 1,
            },
          );
        } else if (failed) {
          kept.push(record);
          lastError = error;
        }
        if (--left > 0) return;
        if (kept.length > 0) retry(kept, lastError);
        afterWrite();
      });
    }
  }

  /** Hands what is queued to the writer, without waiting for a thread to write it. */
  function send(): void {
    if (timer) clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
    timer = undefined;
    immediate = undefined;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    write(batch, (failed, error) => {
      if (!failed) {
        failures = 0;
        if (queue.length > 0) schedule();
      } else if (isRecordError(error, db)) writeOneByOne(batch);
      else {
        retry(batch, error);
        afterWrite();
      }
    });
  }

  function flush(): void {
    send();
    thread?.drain();
  }

  function schedule(): void {
    if (timer || closed) return;
    const delay =
      failures === 0 ? flushIntervalMs : Math.min(flushIntervalMs * 2 ** failures, maxRetryDelayMs);
    timer = setTimeout(send, delay);
    timer.unref();
  }

  return {
    record(entry) {
      queue.push(entry);
      // while writes fail, the backed-off timer alone retries
      if (queue.length >= batchSize && failures === 0) {
        // a full batch is written on the next turn of the event loop, still off the caller's stack
        if (!immediate) {
          immediate = setImmediate(send);
          immediate.unref();
        }
      } else schedule();
    },
    flush,
    close() {
      closed = true;
      flush();
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    pending: () => queue.length + inFlight,
  };
}
