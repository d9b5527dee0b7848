import { RelayError } from '../canonical/errors.js';

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
 */
export class ClientLimiter {
  private limits = new Map<string, ClientLimits>();
  private readonly windows = new Map<string, number[]>();
  /** Spend recorded by this relay, per client and period start. */
  private readonly recorded = new Map<string, Map<number, number>>();
  /** Estimated costs of requests in flight, per client and request id. */
  private readonly held = new Map<string, Map<string, number>>();
  private readonly before = new Map<string, number>();

  constructor(
    /** What the history held for a client since a time, from before this relay started. */
    private readonly spentBefore: (client: string, since: number) => number,
    private readonly now: () => number = Date.now,
  ) {}

  configure(limits: readonly ClientLimits[]): void {
    this.limits = new Map(limits.map((limit) => [limit.name, limit]));
  }

  /** What a client has spent since the start of a budget period (a UTC day or month). */
  spent(client: string, since: number): number {
    const key = `${client}\u0000${since}`;
    let before = this.before.get(key);
    if (before === undefined) this.before.set(key, (before = this.spentBefore(client, since)));
    return before + (this.recorded.get(client)?.get(since) ?? 0);
  }

  /** Counts a recorded request's cost, and lets go of what its estimate held. */
  settle(client: string | undefined, requestId: string, createdAt: number, costUsd: number | null): void {
    if (client === undefined) return;
    this.held.get(client)?.delete(requestId);
    if (!costUsd) return;
    const periods = this.recorded.get(client) ?? new Map<number, number>();
    const { day, month } = budgetPeriods(createdAt);
    for (const start of new Set([day, month])) periods.set(start, (periods.get(start) ?? 0) + costUsd);
    for (const start of periods.keys()) if (start < this.now() - keptPeriodsMs) periods.delete(start);
    this.recorded.set(client, periods);
  }

  /**
   * The model allowlist alone (a token count, which costs nothing and is no request to the model,
   * is held to it and to nothing else). Returns the client's limits.
   */
  checkModel(client: string | undefined, model: string): ClientLimits | undefined {
    const limits = client === undefined ? undefined : this.limits.get(client);
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

  check(client: string | undefined, model: string): void {
    const limits = this.checkModel(client, model);
    if (!limits || client === undefined) return;
    const now = this.now();
    if (limits.requests_per_minute !== undefined) {
      const window = (this.windows.get(client) ?? []).filter((at) => now - at < 60_000);
      if (window.length >= limits.requests_per_minute) {
        this.windows.set(client, window);
        throw new RelayError(
          'CLIENT_LIMIT_EXCEEDED',
          `client '${client}' is over its limit of ${limits.requests_per_minute} requests per minute`,
          {
            retryAfterMs: 60_000 - (now - window[0]!),
          },
        );
      }
      window.push(now);
      this.windows.set(client, window);
    }
    this.checkBudgets(client, limits, 0);
  }

  /**
   * Holds a routed request's estimated cost against its client's budgets until `settle`, or
   * refuses it when what was spent, what requests in flight hold and this estimate pass one.
   */
  reserve(client: string | undefined, requestId: string, estimatedUsd: number): void {
    const limits = client === undefined ? undefined : this.limits.get(client);
    if (client === undefined || !limits) return;
    if (limits.spend_per_day_usd === undefined && limits.spend_per_month_usd === undefined) return;
    this.checkBudgets(client, limits, estimatedUsd);
    const held = this.held.get(client) ?? new Map<string, number>();
    held.set(requestId, estimatedUsd);
    this.held.set(client, held);
  }

  private checkBudgets(client: string, limits: ClientLimits, estimatedUsd: number): void {
    const { day, month } = budgetPeriods(this.now());
    const held = [...(this.held.get(client)?.values() ?? [])].reduce((sum, value) => sum + value, 0);
    const checks: Array<[number | undefined, number, string]> = [
      [limits.spend_per_day_usd, day, 'day'],
      [limits.spend_per_month_usd, month, 'month'],
    ];
    for (const [budget, since, period] of checks) {
      if (budget === undefined) continue;
      const spent = this.spent(client, since);
      if (spent >= budget) {
        throw new RelayError(
          'CLIENT_LIMIT_EXCEEDED',
          `client '${client}' has spent $${spent.toFixed(4)} this ${period} (budget $${budget})`,
          { isRetryable: false },
        );
      }
      if (estimatedUsd > 0 && spent + held + estimatedUsd > budget) {
        const inFlight = held > 0 ? ` and $${held.toFixed(6)} is held by requests in flight` : '';
        throw new RelayError(
          'CLIENT_LIMIT_EXCEEDED',
          `client '${client}' has spent $${spent.toFixed(6)} this ${period}${inFlight}; this request's estimated $${estimatedUsd.toFixed(6)} would pass its budget of $${budget}`,
          { isRetryable: false },
        );
      }
    }
  }
}
