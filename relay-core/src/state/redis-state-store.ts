import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisScripts } from './redis-scripts.js';
import type { RedisScriptName } from './redis-scripts.js';
import type {
  SharedHold,
  SharedLatencySample,
  SharedRate,
  SharedSpend,
  SpendPeriods,
  StateStatus,
  StateStore,
} from './state-store.js';

const prefix = 'switchboard:';
const holdsChannel = `${prefix}holds`;
const latencyChannel = `${prefix}latency`;
const entriesChannel = `${prefix}entries`;
const answerPrefix = `${prefix}answer:`;
/** Semantic entries are kept among the exact answers (one byte bound), under their own names. */
const entryMember = (key: string) => `semantic:${key}`;
const answerOrder = `${prefix}answers:order`;
const answerSizes = `${prefix}answers:sizes`;
const answerBytes = `${prefix}answers:bytes`;
const dayMs = 24 * 3600_000;
/** A hold from a relay that died before settling ends by itself after this. */
const holdMs = 15 * 60_000;
/** Past this many costs recorded while Redis is away, the oldest are counted only locally. */
const maxUnsentSettles = 10_000;
/** Latency samples are sent in batches, at most this long after the first of one. */
const latencyBatchMs = 100;

export interface RedisStateOptions {
  /** How long a command may take before it counts as failed and the relay decides locally. */
  commandTimeoutMs?: number;
  log?: (line: string) => void;
}

/** The server a URL names, without user or password. */
function serverOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}

/** A Redis number reply, where a missing key is nothing spent yet. */
const amount = (value: unknown) => Number(value || 0);

/**
 * Shared state on Redis. Commands never wait for a connection (no offline queue) and time out
 * quickly, so while Redis is away every operation answers "not shared" at once and the relay
 * decides from its own memory; ioredis reconnects in the background and the relay rejoins.
 */
export function createRedisState(url: string, options: RedisStateOptions = {}): StateStore {
  const origin = randomUUID();
  const common = {
    connectTimeout: 1000,
    retryStrategy: (times: number) => Math.min(times * 100, 1000),
    lazyConnect: false,
  };
  const command = new Redis(url, {
    ...common,
    enableOfflineQueue: false,
    commandTimeout: options.commandTimeoutMs ?? 250,
    maxRetriesPerRequest: 0,
  });
  // subscriptions wait for the connection and are renewed on each reconnect
  const subscriber = new Redis(url, common);
  for (const [name, definition] of Object.entries(redisScripts)) command.defineCommand(name, definition);
  const script = (name: RedisScriptName, ...args: Array<string | number>) =>
    (command as unknown as Record<string, (...values: Array<string | number>) => Promise<unknown>>)[name]!(
      ...args,
    );

  let problem: string | undefined;
  /** Costs recorded while Redis was away, counted into the shared budgets when it is back. */
  const unsentSettles: Array<Array<string | number>> = [];
  /** Circuits opened and Retry-Afters begun while Redis was away, told when it is back. */
  const unsentHolds = new Map<string, SharedHold>();
  const holdListeners: Array<(hold: SharedHold) => void> = [];
  const latencyListeners: Array<(samples: SharedLatencySample[]) => void> = [];
  const entryListeners: Array<(json: string) => void> = [];
  let batch: SharedLatencySample[] = [];
  let batchTimer: NodeJS.Timeout | undefined;
  const shared = () => command.status === 'ready' && subscriber.status === 'ready';

  const onError = (error: Error) => {
    if (problem === error.message) return;
    problem = error.message;
    options.log?.(`state: Redis at ${serverOf(url)} unavailable, state is local: ${error.message}`);
  };
  command.on('error', onError);
  subscriber.on('error', onError);
  command.on('ready', () => {
    if (problem !== undefined) options.log?.(`state: Redis at ${serverOf(url)} is back, state is shared`);
    problem = undefined;
    // sent before anything else on the connection: a budget counter seeded now already counts them
    for (const args of unsentSettles.splice(0)) script('settleSpend', ...args).catch(onError);
    const holds = [...unsentHolds.values()];
    unsentHolds.clear();
    holds.forEach(shareHold);
    void rejoin();
  });
  subscriber.on('ready', () => void rejoin());

  /**
   * Once both connections are up: subscribed first (confirmed by Redis), then the running holds and
   * entries read, so a hold another relay shares meanwhile arrives by one way or the other.
   */
  async function rejoin(): Promise<void> {
    if (!shared()) return;
    try {
      await subscriber.subscribe(holdsChannel, latencyChannel, entriesChannel);
    } catch {
      return;
    }
    await loadHolds();
    await loadEntries();
  }

  /** The values under every key matching a pattern (the running holds, the semantic entries). */
  async function valuesOf(pattern: string): Promise<string[]> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await command.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      keys.push(...found);
    } while (cursor !== '0');
    const values: string[] = [];
    for (let start = 0; start < keys.length; start += 500)
      for (const value of await command.mget(keys.slice(start, start + 500))) if (value) values.push(value);
    return values;
  }

  /** The holds still running when this relay joins (or rejoins after an outage). */
  async function loadHolds(): Promise<void> {
    try {
      for (const value of await valuesOf(`${prefix}hold:*`))
        for (const listener of holdListeners) listener(JSON.parse(value) as SharedHold);
    } catch {
      // the next reconnect reads them again
    }
  }

  /** The semantic entries other relays keep, when this relay joins. */
  async function loadEntries(): Promise<void> {
    if (entryListeners.length === 0) return;
    try {
      for (const value of await valuesOf(`${answerPrefix}${entryMember('*')}`))
        for (const listener of entryListeners) listener(value);
    } catch {
      // the next reconnect reads them again
    }
  }

  subscriber.on('message', (channel: string, message: string) => {
    let parsed: { origin: string; hold?: SharedHold; samples?: SharedLatencySample[]; entry?: string };
    try {
      parsed = JSON.parse(message) as typeof parsed;
    } catch {
      return;
    }
    if (parsed.origin === origin) return;
    if (channel === holdsChannel && parsed.hold) for (const listener of holdListeners) listener(parsed.hold);
    if (channel === latencyChannel && parsed.samples)
      for (const listener of latencyListeners) listener(parsed.samples);
    if (channel === entriesChannel && parsed.entry)
      for (const listener of entryListeners) listener(parsed.entry);
  });

  const spendKeys = (client: string, periods: SpendPeriods) => [
    `${prefix}spend:${client}:${periods.day.start}`,
    `${prefix}spend:${client}:${periods.month.start}`,
    `${prefix}held:${client}`,
  ];
  // a counter outlives its period by a day, so a relay whose clock lags still finds it
  const ttls = (periods: SpendPeriods, now: number) => [
    Math.max(1000, periods.day.start + 2 * dayMs - now),
    Math.max(1000, periods.month.start + 33 * dayMs - now),
  ];

  async function attempt<T>(operation: () => Promise<T>): Promise<T | undefined> {
    if (!shared()) return undefined;
    try {
      return await operation();
    } catch (error) {
      onError(error as Error);
      return undefined;
    }
  }

  function shareHold(hold: SharedHold): void {
    const ms = hold.until - Date.now();
    if (ms <= 0) return;
    if (command.status !== 'ready') {
      unsentHolds.set(`${hold.scope}:${hold.kind}:${hold.key}`, hold);
      return;
    }
    command
      .multi()
      .set(`${prefix}hold:${hold.scope}:${hold.key}`, JSON.stringify(hold), 'PX', ms)
      .publish(holdsChannel, JSON.stringify({ origin, hold }))
      .exec()
      .catch(onError);
  }

  const putAnswer: StateStore['putAnswer'] = (key, json, sizeBytes, ttlMs, maxBytes, now) => {
    if (ttlMs <= 0 || sizeBytes > maxBytes) return;
    void attempt(() =>
      script(
        'putAnswer',
        answerPrefix + key,
        answerOrder,
        answerSizes,
        answerBytes,
        key,
        json,
        sizeBytes,
        ttlMs,
        maxBytes,
        now,
        answerPrefix,
      ),
    );
  };

  function flushLatency(): void {
    batchTimer = undefined;
    const samples = batch;
    batch = [];
    if (shared()) command.publish(latencyChannel, JSON.stringify({ origin, samples })).catch(onError);
  }

  return {
    status(): StateStatus {
      const server = serverOf(url);
      if (shared()) return { kind: 'redis', shared: true, server };
      return { kind: 'redis', shared: false, server, problem: problem ?? 'connecting' };
    },

    admitRate: (client, limit, periods, now) =>
      attempt(async (): Promise<SharedRate> => {
        const windowStart = now - (now % 60_000);
        const left = windowStart + 60_000 - now;
        const [day, month] = spendKeys(client, periods);
        const [allowed, daySpent, monthSpent] = (await script(
          'admitRate',
          `${prefix}rpm:${client}:${windowStart}`,
          day!,
          month!,
          limit,
          left + 1000,
        )) as [number, string, string];
        return {
          allowed: allowed === 1,
          retryAfterMs: left,
          daySpent: amount(daySpent),
          monthSpent: amount(monthSpent),
        };
      }),

    reserveSpend: (client, requestId, estimatedUsd, periods, now) =>
      attempt(async (): Promise<SharedSpend> => {
        const reply = (await script(
          'reserveSpend',
          ...spendKeys(client, periods),
          now,
          requestId,
          estimatedUsd,
          periods.day.budget ?? '',
          periods.month.budget ?? '',
          periods.day.spent,
          periods.month.spent,
          ...ttls(periods, now),
          holdMs,
        )) as [string, string, string, string];
        const refused = ({ 1: 'day', 2: 'month' } as const)[Number(reply[3]) as 1 | 2];
        return {
          daySpent: amount(reply[0]),
          monthSpent: amount(reply[1]),
          held: amount(reply[2]),
          ...(refused ? { refused } : {}),
        };
      }),

    settleSpend(client, requestId, costUsd, periods) {
      const args = [
        ...spendKeys(client, periods),
        requestId,
        costUsd,
        periods.day.spent,
        periods.month.spent,
        ...ttls(periods, Date.now()),
      ];
      if (command.status === 'ready') script('settleSpend', ...args).catch(onError);
      else if (costUsd > 0 && unsentSettles.push(args) > maxUnsentSettles) unsentSettles.shift();
    },

    shareHold,

    onHold(listener) {
      holdListeners.push(listener);
      // joined already: the running holds were read before this listener came
      if (command.status === 'ready') void loadHolds();
    },

    shareLatency(sample) {
      if (!shared()) return;
      batch.push(sample);
      batchTimer ??= setTimeout(flushLatency, latencyBatchMs).unref();
    },

    onLatency(listener) {
      latencyListeners.push(listener);
    },

    getAnswer: (key, now) =>
      attempt(async () => {
        const value = (await script('getAnswer', answerPrefix + key, answerOrder, now, key)) as string | null;
        return value ?? undefined;
      }),

    shareEntry(key, json, sizeBytes, ttlMs, maxBytes, now) {
      putAnswer(entryMember(key), json, sizeBytes, ttlMs, maxBytes, now);
      if (shared()) command.publish(entriesChannel, JSON.stringify({ origin, entry: json })).catch(onError);
    },

    onEntry(listener) {
      entryListeners.push(listener);
      if (command.status === 'ready') void loadEntries();
    },

    putAnswer,

    clearAnswers() {
      void attempt(async () => {
        const members = await command.zrange(answerOrder, 0, -1);
        const keys = [
          ...members.map((member) => answerPrefix + member),
          answerOrder,
          answerSizes,
          answerBytes,
        ];
        await command.del(...keys);
      });
    },

    async close() {
      if (batchTimer) clearTimeout(batchTimer);
      command.disconnect();
      subscriber.disconnect();
    },
  };
}
