import type Database from 'better-sqlite3';

export type RequestStatus = 'ok' | 'error' | 'client_closed';

/** One upstream try, as stored in `attempts`. */
export interface AttemptRecord {
  attemptIndex: number;
  provider: string;
  upstreamModel: string;
  startedAt: number;
  status: RequestStatus;
  httpStatus?: number;
  errorCode?: string;
  latencyMs?: number;
  ttftMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
  /** null when unknown; never 0 for "no price". */
  costUsd: number | null;
  unpriced: boolean;
}

/** One client request, as stored in `requests`, with its attempts. */
export interface RequestRecord {
  id: string;
  createdAt: number;
  client?: string;
  dialect: string;
  requestedModel: string;
  route?: string;
  provider?: string;
  upstreamModel?: string;
  status: RequestStatus;
  httpStatus?: number;
  errorCode?: string;
  stream: boolean;
  ttftMs?: number;
  latencyMs?: number;
  overheadMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
  usageEstimated: boolean;
  costUsd: number | null;
  unpriced: boolean;
  cache: 'miss' | 'hit-exact' | 'hit-semantic' | 'bypass';
  attemptCount: number;
  attempts: AttemptRecord[];
}

export interface HistoryWriter {
  /** Queues a record; the database is written later, off the caller's stack. */
  record(entry: RequestRecord): void;
  /** Writes everything queued in one transaction. */
  flush(): void;
  /** Flushes and stops the timer. */
  close(): void;
  pending(): number;
}

export interface HistoryWriterOptions {
  /** Flush as soon as this many records are queued. */
  batchSize?: number;
  /** Flush at most this long after the first queued record. */
  flushIntervalMs?: number;
  /** Rows kept for retry after failed flushes, at most (the oldest are dropped past it). */
  maxPending?: number;
  onError?: (error: unknown) => void;
}

const n = (value: number | undefined) => (value === undefined ? null : value);
const s = (value: string | undefined) => (value === undefined ? null : value);

/**
 * Batches history inserts: requests never wait on SQLite. A crash loses at most the records
 * queued since the last flush (by default 50 ms' worth); a failed flush keeps its rows for the next.
 */
export function createHistoryWriter(
  db: Database.Database,
  options: HistoryWriterOptions = {},
): HistoryWriter {
  const batchSize = options.batchSize ?? 256;
  const flushIntervalMs = options.flushIntervalMs ?? 50;
  const maxPending = options.maxPending ?? 100_000;
  let queue: RequestRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const insertRequest =
    db.prepare(`INSERT OR REPLACE INTO requests (id, created_at, client, dialect, requested_model, route,
    provider, upstream_model, status, http_status, error_code, stream, ttft_ms, latency_ms, overhead_ms, input_tokens,
    output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, usage_estimated, cost_usd, unpriced, cache,
    attempt_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertAttempt =
    db.prepare(`INSERT OR REPLACE INTO attempts (request_id, attempt_index, provider, upstream_model,
    started_at, status, http_status, error_code, latency_ms, ttft_ms, input_tokens, output_tokens, cache_read_tokens,
    cache_write_tokens, reasoning_tokens, cost_usd, unpriced) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

  const writeBatch = db.transaction((batch: RequestRecord[]) => {
    for (const r of batch) {
      insertRequest.run(
        r.id,
        r.createdAt,
        s(r.client),
        r.dialect,
        r.requestedModel,
        s(r.route),
        s(r.provider),
        s(r.upstreamModel),
        r.status,
        n(r.httpStatus),
        s(r.errorCode),
        r.stream ? 1 : 0,
        n(r.ttftMs),
        n(r.latencyMs),
        n(r.overheadMs),
        n(r.inputTokens),
        n(r.outputTokens),
        n(r.cacheReadTokens),
        n(r.cacheWriteTokens),
        n(r.reasoningTokens),
        r.usageEstimated ? 1 : 0,
        r.costUsd,
        r.unpriced ? 1 : 0,
        r.cache,
        r.attemptCount,
      );
      for (const a of r.attempts) {
        insertAttempt.run(
          r.id,
          a.attemptIndex,
          a.provider,
          a.upstreamModel,
          a.startedAt,
          a.status,
          n(a.httpStatus),
          s(a.errorCode),
          n(a.latencyMs),
          n(a.ttftMs),
          n(a.inputTokens),
          n(a.outputTokens),
          n(a.cacheReadTokens),
          n(a.cacheWriteTokens),
          n(a.reasoningTokens),
          a.costUsd,
          a.unpriced ? 1 : 0,
        );
      }
    }
  });

  function flush(): void {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    try {
      writeBatch(batch);
    } catch (error) {
      // keep the rows for the next flush, bounded so a broken disk cannot exhaust memory
      queue = batch.concat(queue).slice(-maxPending);
      options.onError?.(error);
      schedule();
    }
  }

  function schedule(): void {
    if (timer || closed) return;
    timer = setTimeout(flush, flushIntervalMs);
    timer.unref();
  }

  return {
    record(entry) {
      queue.push(entry);
      if (queue.length >= batchSize) setImmediate(flush);
      else schedule();
    },
    flush,
    close() {
      closed = true;
      flush();
    },
    pending: () => queue.length,
  };
}
