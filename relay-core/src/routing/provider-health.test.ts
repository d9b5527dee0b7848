import { describe, expect, it } from 'vitest';
import { ProviderHealth } from './provider-health.js';

describe('ProviderHealth (circuit breaker and Retry-After)', () => {
  it('opens after consecutive failures, probes after the cooldown, closes on success', () => {
    let now = 0;
    const health = new ProviderHealth({ failures: 3, cooldownMs: 1000 }, () => now);
    health.recordFailure('openai/m', 'UPSTREAM_SERVER_ERROR');
    health.recordFailure('openai/m', 'UPSTREAM_SERVER_ERROR');
    expect(health.unavailable('openai/m')).toBeUndefined();
    health.recordFailure('openai/m', 'UPSTREAM_OVERLOADED');
    expect(health.unavailable('openai/m')).toMatch(/circuit open after 3 failures/);
    now = 1000;
    expect(health.unavailable('openai/m')).toBeUndefined();
    expect(health.snapshot()[0]).toMatchObject({ state: 'half-open' });
    // a failed probe opens it again at once
    health.recordFailure('openai/m', 'UPSTREAM_TIMEOUT');
    expect(health.unavailable('openai/m')).toMatch(/circuit open/);
    now = 2000;
    expect(health.unavailable('openai/m')).toBeUndefined();
    health.recordSuccess('openai/m');
    expect(health.snapshot()).toEqual([]);
  });

  it('lets one probe through a half-open circuit at a time; the rest go elsewhere', () => {
    let now = 0;
    const health = new ProviderHealth({ failures: 1, cooldownMs: 1000 }, () => now);
    health.recordFailure('openai/m', 'UPSTREAM_TIMEOUT');
    now = 1000;
    // planning only asks: every request may still plan on it...
    expect(health.unavailable('openai/m')).toBeUndefined();
    expect(health.unavailable('openai/m')).toBeUndefined();
    // ...but only the first one sent gets through
    expect(health.claimProbe('openai/m')).toBe(true);
    expect(health.claimProbe('openai/m')).toBe(false);
    expect(health.unavailable('openai/m')).toMatch(/half-open: its one probe request is under way/);
    // the probe failed: open again, and the next cooldown's probe is one request again
    health.recordFailure('openai/m', 'UPSTREAM_TIMEOUT');
    expect(health.claimProbe('openai/m')).toBe(false);
    now = 2000;
    expect(health.claimProbe('openai/m')).toBe(true);
    expect(health.claimProbe('openai/m')).toBe(false);
    // a probe that was never answered (its client went away) frees the circuit after a cooldown
    now = 3000;
    expect(health.claimProbe('openai/m')).toBe(true);
    health.recordSuccess('openai/m');
    expect(health.claimProbe('openai/m')).toBe(true);
    expect(health.claimProbe('openai/m')).toBe(true);
  });

  it('skips a target until its Retry-After has passed, and ignores client mistakes', () => {
    let now = 0;
    const health = new ProviderHealth({ failures: 5, cooldownMs: 1000 }, () => now);
    health.recordFailure('groq/m', 'UPSTREAM_RATE_LIMITED', 20_000);
    expect(health.unavailable('groq/m')).toMatch(/Retry-After/);
    now = 20_001;
    expect(health.unavailable('groq/m')).toBeUndefined();
    health.recordFailure('groq/x', 'UPSTREAM_BAD_REQUEST');
    expect(health.snapshot().map((s) => s.target)).toEqual(['groq/m']);
  });

  it('opens when the error ratio in the window is too high, though failures never ran in a row', () => {
    let now = 0;
    const health = new ProviderHealth(
      { failures: 5, cooldownMs: 1000, errorRatio: 0.5, windowMs: 10_000, minRequests: 10 },
      () => now,
    );
    // fail, succeed, fail, succeed...: never two failures in a row
    for (let i = 0; i < 9; i++) {
      now += 100;
      if (i % 2 === 0) health.recordFailure('mistral/m', 'UPSTREAM_SERVER_ERROR');
      else health.recordSuccess('mistral/m');
      expect(health.unavailable('mistral/m')).toBeUndefined();
    }
    health.recordSuccess('mistral/m');
    health.recordFailure('mistral/m', 'UPSTREAM_SERVER_ERROR');
    expect(health.unavailable('mistral/m')).toMatch(/circuit open/);
  });

  it('forgets failures older than the window', () => {
    let now = 0;
    const health = new ProviderHealth(
      { failures: 100, cooldownMs: 1000, errorRatio: 0.5, windowMs: 10_000, minRequests: 4 },
      () => now,
    );
    for (let i = 0; i < 3; i++) health.recordFailure('mistral/m', 'UPSTREAM_SERVER_ERROR');
    health.recordSuccess('mistral/m');
    now = 20_000;
    for (let i = 0; i < 3; i++) health.recordSuccess('mistral/m');
    health.recordFailure('mistral/m', 'UPSTREAM_SERVER_ERROR');
    expect(health.unavailable('mistral/m')).toBeUndefined();
  });

  it('tells of a circuit as it opens and of each Retry-After, and applies those from elsewhere', () => {
    let now = 10_000;
    const here = new ProviderHealth({ failures: 2, cooldownMs: 1000 }, () => now);
    const there = new ProviderHealth({ failures: 2, cooldownMs: 1000 }, () => now);
    const told: unknown[] = [];
    here.onChange((change) => {
      told.push(change);
      there.apply(change);
    });
    here.recordFailure('openai/m', 'UPSTREAM_SERVER_ERROR');
    expect(told).toEqual([]);
    here.recordFailure('openai/m', 'UPSTREAM_SERVER_ERROR');
    // a failure while it is open is not news
    here.recordFailure('openai/m', 'UPSTREAM_SERVER_ERROR');
    expect(told).toEqual([
      { key: 'openai/m', kind: 'open', until: 11_000, failures: 2, lastError: 'UPSTREAM_SERVER_ERROR' },
    ]);
    expect(there.unavailable('openai/m')).toMatch(/circuit open after 2 failures/);
    now = 11_000;
    expect(there.unavailable('openai/m')).toBeUndefined();

    here.recordFailure('groq/m', 'UPSTREAM_RATE_LIMITED', 5000);
    expect(told.at(-1)).toMatchObject({ key: 'groq/m', kind: 'retry-after', until: 16_000 });
    expect(there.unavailable('groq/m')).toMatch(/Retry-After/);
    expect(there.retryAfterMs(['groq/m'])).toBe(5000);
  });
});
