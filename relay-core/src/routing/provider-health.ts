import { isUpstreamFailure } from '../canonical/errors.js';
import type { RelayErrorCode } from '../canonical/errors.js';

export interface BreakerSettings {
  /** Consecutive failures that open the circuit. */
  failures: number;
  /** How long an open circuit waits before letting one probe through. */
  cooldownMs: number;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

interface Health {
  consecutiveFailures: number;
  state: CircuitState;
  openedAt: number;
  /** Not before this time (an upstream's Retry-After). */
  retryAfterUntil: number;
  lastError?: string;
}

/**
 * Circuit breaker and Retry-After memory per provider/model. After `failures` consecutive
 * upstream failures the circuit opens and the target is skipped; after the cooldown one request
 * probes it (half-open): success closes the circuit, failure opens it again. A Retry-After keeps
 * the target skipped until that time. The clock is injected so tests never sleep.
 */
export class ProviderHealth {
  private readonly health = new Map<string, Health>();

  constructor(
    private settings: BreakerSettings,
    private readonly now: () => number = Date.now,
  ) {}

  configure(settings: BreakerSettings): void {
    this.settings = settings;
  }

  /** Why a target may not be tried now, or undefined when it may. */
  unavailable(key: string): string | undefined {
    const entry = this.health.get(key);
    if (!entry) return undefined;
    const now = this.now();
    if (entry.retryAfterUntil > now)
      return `asked to wait until ${new Date(entry.retryAfterUntil).toISOString()} (Retry-After)`;
    if (entry.state === 'open') {
      if (now - entry.openedAt < this.settings.cooldownMs) {
        return `circuit open after ${entry.consecutiveFailures} failures (last: ${entry.lastError ?? 'error'})`;
      }
      entry.state = 'half-open';
    }
    return undefined;
  }

  /** The shortest Retry-After wait still running among these targets, in ms. */
  retryAfterMs(keys: string[]): number | undefined {
    const now = this.now();
    const waits = keys
      .map((key) => (this.health.get(key)?.retryAfterUntil ?? 0) - now)
      .filter((ms) => ms > 0);
    return waits.length > 0 ? Math.min(...waits) : undefined;
  }

  /** Forgets everything (tests, and the admin API's reset). */
  reset(): void {
    this.health.clear();
  }

  recordSuccess(key: string): void {
    this.health.delete(key);
  }

  recordFailure(key: string, code: RelayErrorCode, retryAfterMs?: number): void {
    if (!isUpstreamFailure(code)) return;
    const entry = this.health.get(key) ?? {
      consecutiveFailures: 0,
      state: 'closed' as CircuitState,
      openedAt: 0,
      retryAfterUntil: 0,
    };
    entry.consecutiveFailures += 1;
    entry.lastError = code;
    if (retryAfterMs !== undefined) entry.retryAfterUntil = this.now() + retryAfterMs;
    if (entry.state === 'half-open' || entry.consecutiveFailures >= this.settings.failures) {
      entry.state = 'open';
      entry.openedAt = this.now();
    }
    this.health.set(key, entry);
  }

  /** Every tracked target's state, for the admin API. */
  snapshot(): Array<{
    target: string;
    state: CircuitState;
    consecutiveFailures: number;
    retryAfterUntil?: number;
    lastError?: string;
  }> {
    return [...this.health].map(([target, entry]) => ({
      target,
      state: entry.state,
      consecutiveFailures: entry.consecutiveFailures,
      ...(entry.retryAfterUntil > this.now() ? { retryAfterUntil: entry.retryAfterUntil } : {}),
      ...(entry.lastError ? { lastError: entry.lastError } : {}),
    }));
  }
}
