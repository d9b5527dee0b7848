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

/**
 * Enforces per-client limits before a request goes anywhere: a model allowlist (403), requests
 * per minute (a sliding window in memory), and spend per day and month from the history (read
 * through `spentSince`, which the relay caches for a few seconds to keep the hot path fast).
 */
export class ClientLimiter {
  private limits = new Map<string, ClientLimits>();
  private readonly windows = new Map<string, number[]>();

  constructor(
    private readonly spentSince: (client: string, since: number) => number,
    private readonly now: () => number = Date.now,
  ) {}

  configure(limits: readonly ClientLimits[]): void {
    this.limits = new Map(limits.map((limit) => [limit.name, limit]));
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
    const date = new Date(now);
    const checks: Array<[number | undefined, number, string]> = [
      [
        limits.spend_per_day_usd,
        Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()),
        'day',
      ],
      [limits.spend_per_month_usd, Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1), 'month'],
    ];
    for (const [budget, since, period] of checks) {
      if (budget === undefined) continue;
      const spent = this.spentSince(client, since);
      if (spent >= budget) {
        throw new RelayError(
          'CLIENT_LIMIT_EXCEEDED',
          `client '${client}' has spent $${spent.toFixed(4)} this ${period} (budget $${budget})`,
          {
            isRetryable: false,
          },
        );
      }
    }
  }
}
