/** Where the relay's shared state lives now, for the admin status payload. */
export interface StateStatus {
  /** What config asked for: this process's memory, or a Redis server. */
  kind: 'memory' | 'redis';
  /** True while state is shared through Redis; false when it is this process's alone. */
  shared: boolean;
  /** The Redis server, without its password (kind `redis` only). */
  server?: string;
  /** Why state is local although Redis was asked for. */
  problem?: string;
}

/** A client's budget periods: the starts of its UTC day and month, with the budgets and what this relay knows was spent. */
export interface SpendPeriods {
  day: { start: number; budget?: number; spent: number };
  month: { start: number; budget?: number; spent: number };
}

/** What the shared counters say of a client's spend; `refused` names the period a request would pass. */
export interface SharedSpend {
  daySpent: number;
  monthSpent: number;
  /** Estimated costs of the client's requests in flight on every relay. */
  held: number;
  refused?: 'day' | 'month';
}

/** A shared request-per-minute count: whether this request fits, and when the window ends. */
export interface SharedRate {
  allowed: boolean;
  retryAfterMs: number;
  daySpent: number;
  monthSpent: number;
}

/** A circuit that opened or a Retry-After that began on one relay, as the others apply it. */
export interface HealthChange {
  /** A target (`provider/model`) or a named key (`provider:key`). */
  key: string;
  kind: 'open' | 'retry-after';
  /** Wall-clock ms when the circuit may be probed again, or the Retry-After ends. */
  until: number;
  failures: number;
  lastError?: string;
}

/** A health change with whose health it is: a target's, or a named key's. */
export interface SharedHold extends HealthChange {
  scope: 'target' | 'key';
}

/** One successful attempt's latency, as relays pass them to each other. */
export interface SharedLatencySample {
  key: string;
  ttftMs: number;
  outputTokens?: number;
  generationMs?: number;
}

/**
 * The relay's state shared with other relays. Every request still reads local structures
 * (limiter, breakers, latency, cache); this makes them shared. Each operation answers undefined
 * (or does nothing) when state is not shared, and the caller then decides locally.
 */
export interface StateStore {
  status(): StateStatus;
  /** Counts a request against a client's per-minute limit; also reads its spend. */
  admitRate(
    client: string,
    limit: number,
    periods: SpendPeriods,
    now: number,
  ): Promise<SharedRate | undefined>;
  /** Holds a request's estimated cost against a client's budgets, or says which it would pass. */
  reserveSpend(
    client: string,
    requestId: string,
    estimatedUsd: number,
    periods: SpendPeriods,
    now: number,
  ): Promise<SharedSpend | undefined>;
  /** Counts a recorded request's cost and ends its hold. */
  settleSpend(client: string, requestId: string, costUsd: number, periods: SpendPeriods): void;
  /** Tells the other relays about an opened circuit or a Retry-After hold. */
  shareHold(hold: SharedHold): void;
  /** Holds from other relays: the current ones on joining, then each as it is shared. */
  onHold(listener: (hold: SharedHold) => void): void;
  shareLatency(sample: SharedLatencySample): void;
  onLatency(listener: (samples: SharedLatencySample[]) => void): void;
  /** An exact-cache answer (its JSON) under a key, or undefined on a miss or when not shared. */
  getAnswer(key: string, now: number): Promise<string | undefined>;
  /** Keeps an exact-cache answer for `ttlMs`, evicting the least recently hit past `maxBytes`. */
  putAnswer(key: string, json: string, sizeBytes: number, ttlMs: number, maxBytes: number, now: number): void;
  /**
   * Shares a semantic-cache entry (its JSON, vector included) with the other relays, kept in Redis
   * for `ttlMs` under the same byte bound as exact answers, so a relay starting later has it too.
   */
  shareEntry(
    key: string,
    json: string,
    sizeBytes: number,
    ttlMs: number,
    maxBytes: number,
    now: number,
  ): void;
  /** Semantic-cache entries from other relays: those kept when this relay joins, then each as it is shared. */
  onEntry(listener: (json: string) => void): void;
  clearAnswers(): void;
  close(): Promise<void>;
}

const nothing = Promise.resolve(undefined);

/** State in this process's memory alone: the local structures decide everything. */
export const memoryState: StateStore = {
  status: () => ({ kind: 'memory', shared: false }),
  admitRate: () => nothing,
  reserveSpend: () => nothing,
  settleSpend: () => undefined,
  shareHold: () => undefined,
  onHold: () => undefined,
  shareLatency: () => undefined,
  onLatency: () => undefined,
  getAnswer: () => nothing,
  putAnswer: () => undefined,
  shareEntry: () => undefined,
  onEntry: () => undefined,
  clearAnswers: () => undefined,
  close: () => Promise.resolve(),
};
