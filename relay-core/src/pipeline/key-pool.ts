import type { RelayErrorCode } from '../canonical/errors.js';
import { retryRuleFor } from '../canonical/retry-rules.js';
import type { KeySettings, ResolvedProvider } from '../providers/types.js';
import { ProviderHealth } from '../routing/provider-health.js';
import type { BreakerSettings } from '../routing/provider-health.js';
import { pairKey } from '../routing/pair-key.js';
import type { NamedKey } from '../secrets/named-keys.js';

/** Whether an attempt's error belongs to its key rather than to the provider (the retry table says). */
export function isKeyError(code: RelayErrorCode | string | undefined): boolean {
  return code !== undefined && retryRuleFor(code).keyBound === true;
}

/** A rate limit without Retry-After holds its key for the usual per-minute window. */
const rateLimitHoldMs = 60_000;
/** A used-up quota comes back with billing, not within seconds. */
const quotaHoldMs = 15 * 60_000;

/** The key an attempt would use, and why each key passed over was. */
export interface KeyChoice {
  key?: NamedKey;
  skipped: Array<{ name: string; reason: string }>;
}

/** Keys in the order the strategy walks them: `order` first, then `default`, then by name. */
function ordered(keys: NamedKey[], settings: KeySettings | undefined): readonly NamedKey[] {
  const order = settings?.order ?? [];
  if (order.length === 0) return keys;
  const rank = (key: NamedKey) => {
    const index = order.indexOf(key.name);
    return index < 0 ? order.length : index;
  };
  // Array.prototype.sort is stable: keys outside `order` keep the store's default-first order
  return [...keys].sort((a, b) => rank(a) - rank(b));
}

/**
 * The named keys of each provider and which one an attempt uses: `fill_first` takes the first
 * free key in order, `round_robin` the next free one after the last used, `weighted` draws among
 * the free ones by weight. A key that hit its rate limit or quota is held until its Retry-After
 * (or a default wait) and has its own circuit breaker, so the provider's other keys carry on. A
 * provider with one key behaves as before: its target's breaker and Retry-After alone apply.
 */
export class KeyPool {
  /** Each key's hold and breaker (shared with other relays like the targets'). */
  readonly health: ProviderHealth;
  /** Round robin: the index in the ordered keys where each provider's next turn starts. */
  private readonly turns = new Map<string, number>();

  constructor(
    private readonly list: (provider: ResolvedProvider) => NamedKey[] | Promise<NamedKey[]>,
    breaker: BreakerSettings,
    private readonly random: () => number = Math.random,
    now: () => number = Date.now,
  ) {
    this.health = new ProviderHealth(breaker, now);
  }

  configure(breaker: BreakerSettings): void {
    this.health.configure(breaker);
  }

  /** Every key of a provider, in the strategy's order (at once when the list is at hand). */
  keysOf(provider: ResolvedProvider): readonly NamedKey[] | Promise<readonly NamedKey[]> {
    const listed = this.list(provider);
    return listed instanceof Promise
      ? listed.then((keys) => ordered(keys, provider.keys))
      : ordered(listed, provider.keys);
  }

  /** How long until the first of these keys' Retry-After ends, in ms (undefined: none is waiting). */
  retryAfterMs(provider: string, names: string[]): number | undefined {
    return this.health.retryAfterMs(names.map((name) => pairKey(provider, ':', name)));
  }

  /** Why a key is held now (Retry-After, open circuit), or undefined. */
  held(provider: string, name: string): string | undefined {
    return this.health.unavailable(pairKey(provider, ':', name));
  }

  /**
   * Chooses the key for an attempt, passing over held keys and those in `skip` (keys that already
   * failed this request). `peek` only looks: a round robin's turn does not advance.
   */
  choose(
    provider: ResolvedProvider,
    options: { skip?: readonly string[]; peek?: boolean } = {},
  ): KeyChoice | Promise<KeyChoice> {
    const keys = this.keysOf(provider);
    return keys instanceof Promise
      ? keys.then((listed) => this.chooseAmong(listed, provider, options))
      : this.chooseAmong(keys, provider, options);
  }

  private chooseAmong(
    keys: readonly NamedKey[],
    provider: ResolvedProvider,
    options: { skip?: readonly string[]; peek?: boolean },
  ): KeyChoice {
    const skipped: KeyChoice['skipped'] = [];
    const free = keys.filter((key) => {
      const reason = options.skip?.includes(key.name)
        ? 'hit its limit earlier in this request'
        : keys.length > 1
          ? this.held(provider.id, key.name)
          : undefined;
      if (reason) skipped.push({ name: key.name, reason });
      return reason === undefined;
    });
    if (free.length === 0) return { skipped };
    const strategy = provider.keys?.strategy ?? 'fill_first';
    if (strategy === 'weighted') return { key: this.draw(free, provider.keys?.weights ?? {}), skipped };
    if (strategy === 'fill_first') return { key: free[0], skipped };
    const start = (this.turns.get(provider.id) ?? 0) % keys.length;
    const turn = [...keys.slice(start), ...keys.slice(0, start)].find((key) => free.includes(key))!;
    if (!options.peek) this.turns.set(provider.id, keys.indexOf(turn) + 1);
    return { key: turn, skipped };
  }

  private draw(free: NamedKey[], weights: Record<string, number>): NamedKey {
    const weighted = free.filter((key) => (weights[key.name] ?? 1) > 0);
    // keys of weight 0 are a reserve: used only when every weighted key is held
    if (weighted.length === 0) return free[0]!;
    const total = weighted.reduce((sum, key) => sum + (weights[key.name] ?? 1), 0);
    let point = this.random() * total;
    for (const key of weighted) {
      point -= weights[key.name] ?? 1;
      if (point < 0) return key;
    }
    return weighted.at(-1)!;
  }

  /** An answer came with this key: its circuit closes and its hold ends. */
  recordSuccess(provider: string, name: string): void {
    this.health.recordSuccess(pairKey(provider, ':', name));
  }

  /** A key's rate limit or quota was hit: it is held until its Retry-After, or a default wait. */
  recordFailure(provider: string, name: string, code: RelayErrorCode, retryAfterMs?: number): void {
    if (!isKeyError(code)) return;
    const holdMs = retryAfterMs ?? (code === 'UPSTREAM_QUOTA_EXCEEDED' ? quotaHoldMs : rateLimitHoldMs);
    // counted as a rate limit: the breaker takes only failures that say an upstream is unwell
    this.health.recordFailure(pairKey(provider, ':', name), 'UPSTREAM_RATE_LIMITED', holdMs);
  }
}
