import { RelayError } from '../canonical/errors.js';
import { memoryState } from '../state/state-store.js';
import type { SpendPeriods, StateStore } from '../state/state-store.js';

/** One client's limits (config.yaml `clients:`). */
export interface ClientLimits {
  name: string;
  requests_per_minute?: number;
  spend_per_day_usd?: number;
  spend_per_month_usd?: number;
  models?: string[];
}

function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}

/** The starts of the UTC day and month a time falls in: the periods budgets count. */
export function budgetPeriods(at: number): { day: number; month: number } {
  const date = new Date(at);
  return {
    day: Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()),
    month: Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1),
  };
}

const keptPeriodsMs = 40 * 24 * 3600_000;

/**
 * Enforces per-client limits before a request goes anywhere: a model allowlist (403), requests
 * per minute (a sliding window in memory), and spend per day and month. Spend is what the history
 * held when this relay started (`spentBefore`) plus what this relay has recorded since, counted
 * here as each request is recorded, so a budget sees a request's cost at once rather than after
 * the history's next write. A request's estimated cost is held against the budget from the moment
 * it is routed until its cost is recorded, so requests in flight together cannot pass it.
 *
 * With shared state (Redis), `admit` and `hold` count the per-minute window and hold budgets in
 * Redis, atomically across relays; this relay's own counts go on beside them, so when Redis is
 * away the same checks run locally from what this relay knows.
 */
export class ClientLimiter {
  private limits = new Map<string, ClientLimits>();
  private readonly windows = new Map<string, number[]>();
  /** Spend recorded by this relay, per client and period start. */
  private readonly recorded = new Map<string, Map<number, number>>();
  /** Estimated costs of requests in flight, per client and request id. */
  private readonly held = new Map<string, Map<string, number>>();
  private readonly before = new Map<string, number>();
  /** The latest spend the shared counters reported per client (all relays together). */
  private readonly sharedSpend = new Map<
    string,
    { day: number; month: number; daySpent: number; monthSpent: number }
  >();

  constructor(
    /**
     * What the history held for a client since a time, from before this relay started: at once
     * from SQLite, or a promise from PostgreSQL (loaded before `admit` and `hold` decide).
     */
    private readonly spentBefore: (client: string, since: number) => number | Promise<number>,
    private readonly now: () => number = Date.now,
    private readonly state: StateStore = memoryState,
  ) {}

  configure(limits: readonly ClientLimits[]): void {
    this.limits = new Map(limits.map((limit) => [limit.name, limit]));
  }

  private limitsOf(client: string | undefined): ClientLimits | undefined {
    return client === undefined ? undefined : this.limits.get(client);
  }

  /** What a client has spent since the start of a budget period (a UTC day or month). */
  spent(client: string, since: number): number {
    const shared = this.sharedSpend.get(client);
    const sharedSpent =
      shared?.day === since ? shared.daySpent : shared?.month === since ? shared.monthSpent : 0;
    return Math.max(this.spentHere(client, since), sharedSpent);
  }

  /** What the history held and this relay recorded since then. */
  private spentHere(client: string, since: number): number {
    const key = `${client}\u0000${since}`;
    // a store that answers later counts once it has; `admit` and `hold` wait for it first
    if (!this.before.has(key)) void this.loadBefore(client, since);
    return (this.before.get(key) ?? 0) + (this.recorded.get(client)?.get(since) ?? 0);
  }

  private readonly loading = new Map<string, Promise<void>>();

  /** Reads what the history held of a client's spend in its current periods, once per period. */
  private async loadPeriods(client: string, limits: ClientLimits): Promise<void> {
    if (!hasBudget(limits)) return;
    const { day, month } = this.periodsAt(this.now());
    await Promise.all([this.loadBefore(client, day), this.loadBefore(client, month)]);
  }

  private loadBefore(client: string, since: number): Promise<void> {
    const key = `${client}\u0000${since}`;
    if (this.before.has(key)) return Promise.resolve();
    let loading = this.loading.get(key);
    if (!loading) {
      const read = this.spentBefore(client, since);
      // a store that answers at once (SQLite) counts at once
      if (typeof read === 'number') {
        this.before.set(key, read);
        return Promise.resolve();
      }
      loading = read.then(
        (spent) => void this.before.set(key, spent),
        // an unreachable history counts as nothing spent before; asked again next time
        () => undefined,
      );
      void loading.finally(() => this.loading.delete(key));
      this.loading.set(key, loading);
    }
    return loading;
  }

  /** A client's budget periods at a time, with what this relay knows was spent in each. */
  private periodsOf(client: string, limits: ClientLimits, at: number): SpendPeriods {
    const { day, month } = this.periodsAt(at);
    return {
      day: { start: day, budget: limits.spend_per_day_usd, spent: this.spentHere(client, day) },
      month: { start: month, budget: limits.spend_per_month_usd, spent: this.spentHere(client, month) },
    };
  }

  private noteShared(client: string, periods: SpendPeriods, daySpent: number, monthSpent: number): void {
    this.sharedSpend.set(client, {
      day: periods.day.start,
      month: periods.month.start,
      daySpent,
      monthSpent,
    });
  }

  /** Counts a recorded request's cost, and lets go of what its estimate held. */
  settle(client: string | undefined, requestId: string, createdAt: number, costUsd: number | null): void {
    if (client === undefined) return;
    this.held.get(client)?.delete(requestId);
    const limits = this.limits.get(client);
    if (limits && hasBudget(limits))
      this.state.settleSpend(client, requestId, costUsd ?? 0, this.periodsOf(client, limits, createdAt));
    if (!costUsd) return;
    let periods = this.recorded.get(client);
    if (!periods) this.recorded.set(client, (periods = new Map<number, number>()));
    const { day, month } = this.periodsAt(createdAt);
    periods.set(day, (periods.get(day) ?? 0) + costUsd);
    // the first day of a month is both periods' start: counted once
    if (month !== day) periods.set(month, (periods.get(month) ?? 0) + costUsd);
    if (periods.size > 2)
      for (const start of periods.keys()) if (start < this.now() - keptPeriodsMs) periods.delete(start);
  }

  /** The last day periods were asked for, kept: requests in a row fall on the same day. */
  private lastPeriods = { from: 0, until: 0, periods: { day: 0, month: 0 } };

  /** budgetPeriods, for the day last asked without working it out again. */
  private periodsAt(at: number): { day: number; month: number } {
    const last = this.lastPeriods;
    if (at >= last.from && at < last.until) return last.periods;
    const periods = budgetPeriods(at);
    this.lastPeriods = { from: periods.day, until: periods.day + 24 * 3600_000, periods };
    return periods;
  }

  /**
   * The model allowlist alone (a token count, which costs nothing and is no request to the model,
   * is held to it and to nothing else). Returns the client's limits.
   */
  checkModel(client: string | undefined, model: string): ClientLimits | undefined {
    const limits = this.limitsOf(client);
    if (limits?.models && !limits.models.some((pattern) => globToRegExp(pattern).test(model))) {
      throw new RelayError(
        'MODEL_NOT_ALLOWED',
        `client '${client}' may not use '${model}' (allowed: ${limits.models.join(', ')})`,
        {
          param: 'model',
        },
      );
    }
    return limits;
  }

  /** The local checks alone: the model allowlist, requests per minute and budgets as this relay counts them. */
  check(client: string | undefined, model: string): void {
    const limits = this.checkModel(client, model);
    if (!limits || client === undefined) return;
    const now = this.now();
    if (limits.requests_per_minute !== undefined) {
      const window = (this.windows.get(client) ?? []).filter((at) => now - at < 60_000);
      if (window.length >= limits.requests_per_minute) {
        this.windows.set(client, window);
        throw rateRefusal(client, limits.requests_per_minute, 60_000 - (now - window[0]!));
      }
      window.push(now);
      this.windows.set(client, window);
    }
    this.checkBudgets(client, limits, 0);
  }

  /**
   * `check`, with requests per minute counted across relays when state is shared (one round trip
   * to Redis, which also reports the client's shared spend for the budget check).
   */
  admit(client: string | undefined, model: string): Promise<void> | undefined {
    const limits = this.checkModel(client, model);
    // a client without limits is let through at once, with no turn of the event loop
    if (!limits || client === undefined) return undefined;
    return this.admitLimited(client, model, limits);
  }

  private async admitLimited(client: string, model: string, limits: ClientLimits): Promise<void> {
    await this.loadPeriods(client, limits);
    const perMinute = limits.requests_per_minute;
    if (perMinute === undefined) return this.check(client, model);
    const now = this.now();
    const periods = this.periodsOf(client, limits, now);
    const shared = await this.state.admitRate(client, perMinute, periods, now);
    if (!shared) return this.check(client, model);
    this.noteShared(client, periods, shared.daySpent, shared.monthSpent);
    if (!shared.allowed) throw rateRefusal(client, perMinute, shared.retryAfterMs);
    // this relay's own window goes on counting, so a fallback starts from what it sent
    this.windows.set(client, [...(this.windows.get(client) ?? []).filter((at) => now - at < 60_000), now]);
    this.checkBudgets(client, limits, 0);
  }

  /** Whether a client has a spend budget (a request of one without is held to nothing). */
  hasBudget(client: string | undefined): boolean {
    const limits = this.limitsOf(client);
    return limits !== undefined && hasBudget(limits);
  }

  /**
   * Holds a routed request's estimated cost against its client's budgets until `settle`, or
   * refuses it when what was spent, what requests in flight hold and this estimate pass one.
   */
  reserve(client: string | undefined, requestId: string, estimatedUsd: number): void {
    const limits = this.limitsOf(client);
    if (client === undefined || !limits || !hasBudget(limits)) return;
    this.checkBudgets(client, limits, estimatedUsd);
    this.holdHere(client, requestId, estimatedUsd);
  }

  /**
   * `reserve`, held in Redis when state is shared: what every relay spent and holds counts, in
   * one atomic step, so relays together overspend by at most a request in flight each.
   */
  async hold(client: string | undefined, requestId: string, estimatedUsd: number): Promise<void> {
    const limits = this.limitsOf(client);
    if (client === undefined || !limits || !hasBudget(limits)) return;
    await this.loadPeriods(client, limits);
    const now = this.now();
    const periods = this.periodsOf(client, limits, now);
    const shared = await this.state.reserveSpend(client, requestId, estimatedUsd, periods, now);
    if (!shared) return this.reserve(client, requestId, estimatedUsd);
    this.noteShared(client, periods, shared.daySpent, shared.monthSpent);
    if (shared.refused) {
      const spent = shared.refused === 'day' ? shared.daySpent : shared.monthSpent;
      const budget = shared.refused === 'day' ? limits.spend_per_day_usd! : limits.spend_per_month_usd!;
      throw budgetRefusal(client, shared.refused, budget, spent, shared.held, estimatedUsd);
    }
    this.holdHere(client, requestId, estimatedUsd);
  }

  private holdHere(client: string, requestId: string, estimatedUsd: number): void {
    const held = this.held.get(client) ?? new Map<string, number>();
    held.set(requestId, estimatedUsd);
    this.held.set(client, held);
  }

  private checkBudgets(client: string, limits: ClientLimits, estimatedUsd: number): void {
    const { day, month } = this.periodsAt(this.now());
    const held = [...(this.held.get(client)?.values() ?? [])].reduce((sum, value) => sum + value, 0);
    const checks: Array<[number | undefined, number, 'day' | 'month']> = [
      [limits.spend_per_day_usd, day, 'day'],
      [limits.spend_per_month_usd, month, 'month'],
    ];
    for (const [budget, since, period] of checks) {
      if (budget === undefined) continue;
      const spent = this.spent(client, since);
      if (spent >= budget || (estimatedUsd > 0 && spent + held + estimatedUsd > budget))
        throw budgetRefusal(client, period, budget, spent, held, estimatedUsd);
    }
  }
}

function hasBudget(limits: ClientLimits): boolean {
  return limits.spend_per_day_usd !== undefined || limits.spend_per_month_usd !== undefined;
}

function rateRefusal(client: string, perMinute: number, retryAfterMs: number): RelayError {
  return new RelayError(
    'CLIENT_LIMIT_EXCEEDED',
    `client '${client}' is over its limit of ${perMinute} requests per minute`,
    { retryAfterMs },
  );
}

/** Why a request is refused for a budget: spent already, or this request's estimate would pass it. */
function budgetRefusal(
  client: string,
  period: 'day' | 'month',
  budget: number,
  spent: number,
  held: number,
  estimatedUsd: number,
): RelayError {
  if (spent >= budget) {
    return new RelayError(
      'CLIENT_LIMIT_EXCEEDED',
      `client '${client}' has spent $${spent.toFixed(4)} this ${period} (budget $${budget})`,
      { isRetryable: false },
    );
  }
  const inFlight = held > 0 ? ` and $${held.toFixed(6)} is held by requests in flight` : '';
  return new RelayError(
    'CLIENT_LIMIT_EXCEEDED',
    `client '${client}' has spent $${spent.toFixed(6)} this ${period}${inFlight}; this request's estimated $${estimatedUsd.toFixed(6)} would pass its budget of $${budget}`,
    { isRetryable: false },
  );
}
