import { isUpstreamFailure } from '../canonical/retry-rules.js';
import type { RelayErrorCode } from '../canonical/errors.js';
import type { HealthChange } from '../state/state-store.js';

export interface BreakerSettings {
  /** Consecutive failures that open the circuit. */
  failures: number;
  /** How long an open circuit waits before letting one probe through. */
  cooldownMs: number;
  /** Also open when this share of the requests in the window failed (0–1; unset: off). */
  errorRatio?: number;
  /** The error-ratio window (default 60 s)... */
  windowMs?: number;
  /** ...and how many requests it needs before the ratio counts (default 10). */
  minRequests?: number;
}

/** The error-ratio window is kept as this many buckets of counts, not one entry a request. */
const buckets = 10;

export type CircuitState = 'closed' | 'open' | 'half-open';

interface Health {
  consecutiveFailures: number;
  state: CircuitState;
  openedAt: number;
  /** Not before this time (an upstream's Retry-After). */
  retryAfterUntil: number;
  lastError?: string;
  /** Half-open: when the one probe allowed through was sent (until it answers or the cooldown passes). */
  probeSince?: number;
  /** Outcome counts per time bucket (index = bucket number modulo `buckets`). */
  window: Array<{ bucket: number; ok: number; failed: number }>;
}

/**
 * Circuit breaker and Retry-After memory per provider/model. After `failures` consecutive
 * upstream failures, or when `errorRatio` of the requests in the last `windowMs` failed, the
 * circuit opens and the target is skipped; after the cooldown one request
 * probes it (half-open): success closes the circuit, failure opens it again. A Retry-After keeps
 * the target skipped until that time. The clock is injected so tests never sleep.
 */
export class ProviderHealth {
  private readonly health = new Map<string, Health>();
  private changed: ((change: HealthChange) => void) | undefined;

  constructor(
    private settings: BreakerSettings,
    private readonly now: () => number = Date.now,
  ) {}

  configure(settings: BreakerSettings): void {
    this.settings = settings;
  }

  /** Tells `listener` of each circuit that opens and each Retry-After that begins here. */
  onChange(listener: (change: HealthChange) => void): void {
    this.changed = listener;
  }

  /** Applies a circuit opened or a Retry-After begun elsewhere (another relay), as if it happened here. */
  apply(change: HealthChange): void {
    const entry = this.health.get(change.key) ?? this.fresh();
    if (change.kind === 'retry-after') {
      entry.retryAfterUntil = Math.max(entry.retryAfterUntil, change.until);
    } else if (change.until - this.settings.cooldownMs > entry.openedAt || entry.state !== 'open') {
      entry.state = 'open';
      entry.openedAt = change.until - this.settings.cooldownMs;
      entry.consecutiveFailures = Math.max(entry.consecutiveFailures, change.failures);
      delete entry.probeSince;
    }
    if (change.lastError) entry.lastError = change.lastError;
    this.health.set(change.key, entry);
  }

  /**
   * Why a target may not be tried now, or undefined when it may. Planning only asks: a half-open
   * target is available until a request claims its probe (`claimProbe`).
   */
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
    if (this.probing(entry, now)) return 'circuit half-open: its one probe request is under way';
    return undefined;
  }

  /**
   * Called as a request is sent to the target: true when it may go. A half-open circuit lets one
   * probe through at a time; the others go elsewhere until it answered (or, should it never be
   * recorded, until a cooldown passed).
   */
  claimProbe(key: string): boolean {
    if (this.unavailable(key) !== undefined) return false;
    const entry = this.health.get(key);
    if (entry?.state === 'half-open') entry.probeSince = this.now();
    return true;
  }

  private probing(entry: Health, now: number): boolean {
    return (
      entry.state === 'half-open' &&
      entry.probeSince !== undefined &&
      now - entry.probeSince < this.settings.cooldownMs
    );
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
    const entry = this.health.get(key);
    if (!entry) {
      if (this.settings.errorRatio !== undefined) this.health.set(key, this.count(this.fresh(), true));
      return;
    }
    this.count(entry, true);
    entry.consecutiveFailures = 0;
    entry.state = 'closed';
    delete entry.probeSince;
    entry.retryAfterUntil = 0;
    delete entry.lastError;
  }

  /** Counts a failure against the target when the retry rules say it is the upstream's (canonical/retry-rules.ts). */
  recordFailure(key: string, code: RelayErrorCode | string, retryAfterMs?: number): void {
    if (!isUpstreamFailure(code)) return;
    const entry = this.health.get(key) ?? this.fresh();
    this.count(entry, false);
    entry.consecutiveFailures += 1;
    entry.lastError = code;
    delete entry.probeSince;
    const change = { key, failures: entry.consecutiveFailures, lastError: code };
    if (retryAfterMs !== undefined) {
      entry.retryAfterUntil = this.now() + retryAfterMs;
      this.changed?.({ ...change, kind: 'retry-after', until: entry.retryAfterUntil });
    }
    if (
      entry.state === 'half-open' ||
      entry.consecutiveFailures >= this.settings.failures ||
      this.ratioExceeded(entry)
    ) {
      const opening = entry.state !== 'open' || this.now() - entry.openedAt >= this.settings.cooldownMs;
      entry.state = 'open';
      entry.openedAt = this.now();
      if (opening)
        this.changed?.({ ...change, kind: 'open', until: entry.openedAt + this.settings.cooldownMs });
    }
    this.health.set(key, entry);
  }

  private fresh(): Health {
    return { consecutiveFailures: 0, state: 'closed', openedAt: 0, retryAfterUntil: 0, window: [] };
  }

  private bucketOf(): number {
    return Math.floor(this.now() / ((this.settings.windowMs ?? 60_000) / buckets));
  }

  private count(entry: Health, ok: boolean): Health {
    if (this.settings.errorRatio === undefined) return entry;
    const bucket = this.bucketOf();
    let slot = entry.window[bucket % buckets];
    if (!slot || slot.bucket !== bucket) {
      slot = { bucket, ok: 0, failed: 0 };
      entry.window[bucket % buckets] = slot;
    }
    if (ok) slot.ok += 1;
    else slot.failed += 1;
    return entry;
  }

  private ratioExceeded(entry: Health): boolean {
    const { errorRatio, minRequests = 10 } = this.settings;
    if (errorRatio === undefined) return false;
    const current = this.bucketOf();
    let ok = 0;
    let failed = 0;
    for (const slot of entry.window) {
      if (!slot || current - slot.bucket >= buckets) continue;
      ok += slot.ok;
      failed += slot.failed;
    }
    return ok + failed >= minRequests && failed / (ok + failed) >= errorRatio;
  }

  /** Every tracked target's state, for the admin API. */
  snapshot(): Array<{
    target: string;
    state: CircuitState;
    consecutiveFailures: number;
    retryAfterUntil?: number;
    lastError?: string;
  }> {
    return [...this.health]
      .filter(
        ([, entry]) =>
          entry.state !== 'closed' || entry.consecutiveFailures > 0 || entry.retryAfterUntil > this.now(),
      )
      .map(([target, entry]) => ({
        target,
        state: entry.state,
        consecutiveFailures: entry.consecutiveFailures,
        ...(entry.retryAfterUntil > this.now() ? { retryAfterUntil: entry.retryAfterUntil } : {}),
        ...(entry.lastError ? { lastError: entry.lastError } : {}),
      }));
  }
}
