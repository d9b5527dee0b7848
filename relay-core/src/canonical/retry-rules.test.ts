import { describe, expect, it } from 'vitest';
import { RelayError } from './errors.js';
import {
  failsOver,
  fallbackClasses,
  fallbackClassOf,
  isUpstreamFailure,
  retryRuleFor,
} from './retry-rules.js';

// what config.yaml fails over on by default: every class but content filters
const defaults = fallbackClasses.filter((name) => name !== 'content_policy');

describe('the retry rules', () => {
  it('fail over on what another provider may answer, and never on the client’s own mistake', () => {
    for (const code of ['UPSTREAM_RATE_LIMITED', 'UPSTREAM_OVERLOADED', 'UPSTREAM_TIMEOUT'] as const)
      expect(failsOver(code, defaults)).toBe(true);
    // a quota used up at one provider is when another should answer
    expect(fallbackClassOf('UPSTREAM_QUOTA_EXCEEDED')).toBe('rate_limit');
    for (const code of ['UPSTREAM_AUTH', 'UPSTREAM_BAD_REQUEST', 'BAD_REQUEST', 'CLIENT_CLOSED', 'INTERNAL'])
      expect(failsOver(code, defaults)).toBe(false);
    // content filters are opt-in: another provider may well refuse the same prompt
    expect(failsOver('UPSTREAM_CONTENT_POLICY', defaults)).toBe(false);
    expect(failsOver('UPSTREAM_CONTENT_POLICY', [...defaults, 'content_policy'])).toBe(true);
  });

  it('count against a provider only what says it is unwell', () => {
    expect(isUpstreamFailure('UPSTREAM_SERVER_ERROR')).toBe(true);
    expect(new RelayError('UPSTREAM_CONNECT_ERROR', 'down').isRetryable).toBe(true);
    for (const code of [
      'UPSTREAM_QUOTA_EXCEEDED',
      'UPSTREAM_CONTEXT_TOO_LONG',
      'NO_KEY',
      'HEDGE_LOST',
      'GATE_FAILED',
    ])
      expect(isUpstreamFailure(code)).toBe(false);
  });

  it('continue a broken stream only where the rest can still be the same answer', () => {
    expect(retryRuleFor('UPSTREAM_STREAM_ERROR').resumable).toBe(true);
    expect(retryRuleFor('UPSTREAM_CONTEXT_TOO_LONG').resumable).toBeFalsy();
    expect(retryRuleFor('UPSTREAM_CONTENT_POLICY').resumable).toBeFalsy();
  });
});
