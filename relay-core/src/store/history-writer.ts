import type { RequestRecord } from './history-records.js';
import type { HistorySpool } from './history-spool.js';
import type { HistoryStore } from './history-store.js';

export type { AttemptRecord, RequestRecord } from './history-records.js';

/** What the writer holds and has lost, for the admin status. */
export interface HistoryWriterStatus {
  /** Records not yet in the store (in memory and in the spool). */
  pending: number;
  /** Of those, records waiting in the spool file. */
  spooled: number;
  /** Records given up because the store was away longer than the spool could hold. */
  dropped: number;
  /** Records the store refused for their content. */
  rejected: number;
  /** True while writes fail (the store is away); retries back off. */
  failing: boolean;
}

/** The batched writer behind the request history (see createHistoryWriter). */
export interface HistoryWriter {
  /** Queues a record; the store is written later, never on the caller's stack. */
  record(entry: RequestRecord): void;
  /**
   * Writes everything queued, oldest first. On SQLite the rows are written before it returns;
   * the promise settles when the store has answered.
   */
  flush(): Promise<void>;
  /** Flushes, stops the timer and moves what could not be written to the spool. */
  close(): Promise<void>;
  /** Records queued and not yet written. */
  pending(): number;
  status(): HistoryWriterStatus;
}

/** What became of the records of a failed write. */
export interface HistoryWriteFailure {
  /** Records kept (in memory or spooled) for the next flush. */
  retrying: number;
  /** Records given up: rejected by the schema, or past the bounds. */
  dropped: number;
}

/** Tuning and error reporting of createHistoryWriter. */
export interface HistoryWriterOptions {
  /** Flush as soon as this many records are queued (default 256). */
  batchSize?: number;
  /** Flush at most this long after the first queued record (default 50 ms). */
  flushIntervalMs?: number;
  /** Records kept in memory for retry after failed flushes; past it the oldest go to the spool, or are dropped without one (default 100,000). */
  maxPending?: number;
  /** Where records wait on disk beyond `maxPending` while the store is away. */
  spool?: HistorySpool;
  /** Told about every failed write; the writer itself never throws from a timer. */
  onError?: (error: unknown, failure: HistoryWriteFailure) => void;
}

const maxRetryDelayMs = 30_000;
/** The most records one write carries, so a long outage drains in steps. */
const maxBatch = 10_000;

type Outcome = { error: unknown } | undefined;
type Maybe<T> = T | Promise<T>;

/** Continues at once when a value is at hand, after it settles when it is a promise: SQLite stays synchronous. */
const after = <T, R>(value: Maybe<T>, next: (value: T) => Maybe<R>): Maybe<R> =>
  value instanceof Promise ? value.then(next) : next(value);

/**
 * Batches history writes so requests never wait on the store. A crash loses at most the records
 * queued since the last flush (by default 50 ms' worth). A failed write keeps its records for the
 * next one, retried with backoff: in memory up to `maxPending`, then in the spool, and they are
 * written in order when the store answers again. Records the store rejects for their content are
 * reported through `onError` and dropped, so one bad record cannot block the history for good.
 */
export function createHistoryWriter(
  store: Pick<HistoryStore, 'writeBatch' | 'rejects' | 'writeNow'>,
  options: HistoryWriterOptions = {},
): HistoryWriter {
  const batchSize = Math.max(1, options.batchSize ?? 256);
  const flushIntervalMs = options.flushIntervalMs ?? 50;
  const maxPending = options.maxPending ?? 100_000;
  const { spool } = options;
  let queue: RequestRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  let inFlight: Promise<void> | undefined;
  let closed = false;
  // consecutive failed writes: retries back off so a store that is away is not hammered (and logged) every 50 ms
  let failures = 0;
  let dropped = 0;
  let rejected = 0;

  const spooled = () => spool?.count() ?? 0;
  const waiting = () => queue.length + spooled();

  function report(error: unknown, failure: HistoryWriteFailure): void {
    try {
      options.onError?.(error, failure);
    } catch {
      // a throwing logger must not take the writer down with it
    }
  }

  /** Moves the oldest records past the memory bound to the spool (older than all left in memory), or drops them. */
  function spill(): number {
    const overflow = Math.max(0, queue.length - maxPending);
    if (overflow === 0) return 0;
    const oldest = queue.slice(0, overflow);
    queue = queue.slice(overflow);
    const lost = spool ? spool.append(oldest) : overflow;
    dropped += lost;
    return lost;
  }

  function tryWrite(batch: RequestRecord[]): Maybe<Outcome> {
    try {
      const written = store.writeBatch(batch);
      return written instanceof Promise
        ? written.then(
            () => undefined,
            (error: unknown) => ({ error }),
          )
        : undefined;
    } catch (error) {
      return { error };
    }
  }

  /** Writes records one at a time, dropping those rejected for their content; stops at the first other failure. */
  function oneByOne(batch: RequestRecord[], index = 0): Maybe<{ done: number; error?: unknown }> {
    if (index >= batch.length) return { done: index };
    const record = batch[index]!;
    return after(tryWrite([record]), (outcome) => {
      if (outcome && !store.rejects(outcome.error)) return { done: index, error: outcome.error };
      if (outcome) {
        rejected++;
        report(
          new Error(`history record ${record.id} rejected and dropped: ${String(outcome.error)}`, {
            cause: outcome.error,
          }),
          { retrying: 0, dropped: 1 },
        );
      }
      return oneByOne(batch, index + 1);
    });
  }

  /** Puts back what was not written and backs off. */
  function failed(batch: RequestRecord[], fromSpool: boolean, done: number, error: unknown): void {
    if (fromSpool) spool!.remove(done);
    else queue = batch.slice(done).concat(queue);
    failures++;
    const lost = spill();
    report(error, { retrying: waiting(), dropped: lost });
  }

  /** Writes the spool's records first (they are the oldest), then memory's, a batch at a time. */
  function drain(): Maybe<void> {
    const fromSpool = spooled() > 0;
    const batch = fromSpool ? spool!.peek(maxBatch) : queue.splice(0, maxBatch);
    if (batch.length === 0) return;
    return after(tryWrite(batch), (outcome): Maybe<void> => {
      if (!outcome) {
        if (fromSpool) spool!.remove(batch.length);
        failures = 0;
        return drain();
      }
      if (!store.rejects(outcome.error)) return failed(batch, fromSpool, 0, outcome.error);
      return after(oneByOne(batch), ({ done, error }) => {
        if (error !== undefined) return failed(batch, fromSpool, done, error);
        if (fromSpool) spool!.remove(batch.length);
        failures = 0;
        return drain();
      });
    });
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
    timer = undefined;
    immediate = undefined;
    if (inFlight) return inFlight.then(flush);
    const drained = drain();
    if (drained instanceof Promise) {
      inFlight = drained.finally(() => {
        inFlight = undefined;
        if (waiting() > 0) schedule();
      });
      return inFlight;
    }
    if (waiting() > 0) schedule();
    return Promise.resolve();
  }

  /** An explicit flush: where the store can write on this thread, every record is readable when it returns. */
  function flushNow(): Promise<void> {
    const done = flush();
    if (store.writeNow && spooled() === 0) {
      const batch = queue.splice(0);
      try {
        store.writeNow(batch);
      } catch {
        // the regular path retries it, and drops what the store rejects
        queue = batch.concat(queue);
        schedule();
      }
    }
    return done;
  }

  function schedule(): void {
    if (timer || closed) return;
    const delay =
      failures === 0 ? flushIntervalMs : Math.min(flushIntervalMs * 2 ** failures, maxRetryDelayMs);
    timer = setTimeout(() => void flush(), delay);
    timer.unref();
  }

  // records an earlier run left in the spool go first
  if (spooled() > 0) schedule();

  return {
    record(entry) {
      queue.push(entry);
      if (failures > 0) {
        // while writes fail the backed-off timer alone retries; memory stays within its bound
        if (queue.length >= maxPending + batchSize && !inFlight) spill();
        schedule();
      } else if (queue.length >= batchSize) {
        // a full batch is written on the next turn of the event loop, still off the caller's stack
        if (!immediate) {
          immediate = setImmediate(() => void flush());
          immediate.unref();
        }
      } else schedule();
    },
    flush: flushNow,
    async close() {
      closed = true;
      await flush();
      if (timer) clearTimeout(timer);
      timer = undefined;
      // what the store could not take now waits in the spool for the next start
      if (spool && queue.length > 0) {
        dropped += spool.append(queue);
        queue = [];
      }
    },
    pending: waiting,
    status: () => ({ pending: waiting(), spooled: spooled(), dropped, rejected, failing: failures > 0 }),
  };
}
