import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { RequestRecord } from './history-records.js';
import { historySql, toHistoryBatch } from './write-history-batch.js';
import type { HistoryBatch } from './write-history-batch.js';

/**
 * The thread's code, given as source: a worker started from a file would need that file beside
 * each bundle of the relay (the app's, the headless one's) and a TypeScript loader in tests. It
 * runs the statements of write-history-batch.ts with the values the caller's thread prepared, one
 * transaction a batch, on a connection of its own (WAL lets the other connection read meanwhile).
 */
const threadSource = `
const { workerData } = require('node:worker_threads');
const { port, answered, sql } = workerData;
let Database;
try {
  Database = require(workerData.driver);
} catch (error) {
  // the second slot tells a caller blocked in drain() that no answer will come
  Atomics.store(answered, 1, 1);
  Atomics.notify(answered, 0);
  throw error;
}
let db;
let write;
// opened at the first batch, and again after a failure to open: a batch that cannot be written is
// answered with the error, as one that failed in its transaction is
function open() {
  db = new Database(workerData.path);
  db.pragma('synchronous = NORMAL');
  // off on this connection only: each attempt row follows its request row in the same
  // transaction, and a rewritten request deletes its old attempts itself, so the check (a lookup
  // per attempt row) could never fail here
  db.pragma('foreign_keys = OFF');
  db.pragma('busy_timeout = 5000');
  const insertNew = db.prepare(sql.newRequest);
  const subtractRollup = db.prepare(sql.rollupSubtract);
  const insertRequest = db.prepare(sql.request);
  const deleteAttempts = db.prepare(sql.deleteAttempts);
  const insertAttempt = db.prepare(sql.attempt);
  const upsertRollup = db.prepare(sql.rollup);
  write = db.transaction(({ rows, rollup }) => {
    for (const [request, attempts] of rows) {
      // an id written again leaves the rollup and its attempts before it is written (see createBatchWrite)
      if (insertNew.run(...request).changes === 0) {
        subtractRollup.run(request[0]);
        insertRequest.run(...request);
        deleteAttempts.run(request[0]);
      }
      for (const attempt of attempts) insertAttempt.run(...attempt);
    }
    for (const change of rollup) upsertRollup.run(...change);
  });
}
port.on('message', (message) => {
  if (message === 'close') {
    if (db) db.close();
    port.close();
    return;
  }
  let error;
  try {
    if (!write) open();
  } catch (caught) {
    if (db && db.open) db.close();
    write = undefined;
    // not about any record (a missing folder reads as a TypeError): the batch is kept for a retry
    error = { name: 'Error', message: String(caught && caught.message), code: 'SQLITE_CANTOPEN' };
  }
  if (write) {
    try {
      write(message.batch);
    } catch (caught) {
      error = { name: caught && caught.name, message: String(caught && caught.message), code: caught && caught.code };
    }
  }
  port.postMessage({ id: message.id, error });
  Atomics.add(answered, 0, 1);
  Atomics.notify(answered, 0);
});
`;

/** How long drain() waits for a thread that stopped answering before it gives up. */
const drainLimitMs = 10_000;

interface Answer {
  id: number;
  error?: { name?: string; message: string; code?: unknown };
}

/** The thread's error as the caller's thread would have seen it (writer.isRecordError reads it). */
function toError(error: NonNullable<Answer['error']>): Error {
  if (error.name === 'TypeError') return new TypeError(error.message);
  if (error.name === 'RangeError') return new RangeError(error.message);
  return Object.assign(new Error(error.message), { name: error.name ?? 'Error', code: error.code });
}

/** A batch writer off the event loop, with a way to wait for what it was handed. */
export interface HistoryThread {
  /** Writes a batch in one transaction, as createBatchWrite does; rejects with its error. */
  writeBatch(batch: readonly RequestRecord[]): Promise<void>;
  /** Returns once every batch handed over has been written or has failed (its promise settled). */
  drain(): void;
}

/** The history writer's thread, with a way to stop it (see startSqliteHistoryThread). */
export interface SqliteHistoryThread extends HistoryThread {
  /** Waits for what was handed over, closes the thread's connection and ends the thread. */
  close(): Promise<void>;
}

/** Options of startSqliteHistoryThread. */
export interface SqliteHistoryThreadOptions {
  /**
   * Writes a batch on the caller's thread, used once a thread could not load the SQLite driver
   * (a packaging that cannot run it in a worker): the history is written on the event loop rather
   * than not at all.
   */
  fallback?: (batch: readonly RequestRecord[]) => void;
  /** The SQLite driver the thread loads (default: better-sqlite3 as this module resolves it). */
  driver?: string;
}

/**
 * Starts a thread that writes history batches into the SQLite file at `path` (already migrated),
 * each handed over as one message. A thread that dies fails its unwritten batches (the writer
 * keeps them and retries) and is started again by the next batch; after one that could not load
 * the driver, `fallback` writes instead.
 */
export function startSqliteHistoryThread(
  path: string,
  options: SqliteHistoryThreadOptions = {},
): SqliteHistoryThread {
  const driver = options.driver ?? createRequire(import.meta.url).resolve('better-sqlite3');
  // answers given, and whether a thread could not load its driver
  const answered = new Int32Array(new SharedArrayBuffer(8));
  const waiting = new Map<number, { resolve: () => void; reject: (error: unknown) => void }>();
  let nextId = 0;
  let sent = 0;
  let current: { worker: Worker; port: MessagePort; exited: Promise<void> } | undefined;

  function settle(answer: Answer): void {
    const waiter = waiting.get(answer.id);
    waiting.delete(answer.id);
    // an idle thread does not keep the process alive; one with batches to answer does (see writeBatch)
    if (waiting.size === 0) current?.worker.unref();
    if (answer.error) waiter?.reject(toError(answer.error));
    else waiter?.resolve();
  }

  function start() {
    const channel = new MessageChannel();
    const worker = new Worker(threadSource, {
      eval: true,
      workerData: { driver, path, sql: historySql, port: channel.port2, answered },
      transferList: [channel.port2],
    });
    const port = channel.port1;
    port.on('message', settle);
    // neither keeps an idle process alive: close() ends them, and an exit without it loses nothing
    // queued; while a batch waits for its answer the worker is referenced, so the caller awaiting
    // it (a flush, a close on SIGTERM) is not cut short by the process running out of work
    port.unref();
    worker.unref();
    const exited = new Promise<void>((resolve) => {
      worker.on('error', () => undefined);
      worker.on('exit', () => {
        drainPort(port);
        if (current?.worker === worker) current = undefined;
        sent = Atomics.load(answered, 0);
        for (const waiter of waiting.values()) waiter.reject(new Error('the history thread stopped'));
        waiting.clear();
        port.close();
        resolve();
      });
    });
    return { worker, port, exited };
  }

  function drainPort(port: MessagePort): void {
    for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port))
      settle(message.message as Answer);
  }

  function drain(): void {
    if (!current) return;
    const deadline = Date.now() + drainLimitMs;
    for (;;) {
      const done = Atomics.load(answered, 0);
      drainPort(current.port);
      if (done >= sent || Atomics.load(answered, 1) === 1 || Date.now() > deadline) return;
      // the thread notifies after each answer; blocking here is what flush() and close() promise
      Atomics.wait(answered, 0, done, 50);
    }
  }

  return {
    writeBatch(batch: readonly RequestRecord[]): Promise<void> {
      if (Atomics.load(answered, 1) === 1 && options.fallback) {
        try {
          options.fallback(batch);
          return Promise.resolve();
        } catch (error) {
          return Promise.reject(error as Error);
        }
      }
      current ??= start();
      const prepared: HistoryBatch = toHistoryBatch(batch);
      const id = nextId++;
      sent++;
      const written = new Promise<void>((resolve, reject) => waiting.set(id, { resolve, reject }));
      current.worker.ref();
      current.port.postMessage({ id, batch: prepared });
      return written;
    },
    drain,
    async close() {
      drain();
      const stopping = current;
      if (!stopping) return;
      current = undefined;
      stopping.worker.ref();
      stopping.port.postMessage('close');
      await stopping.exited;
    },
  };
}
