import type { RelayErrorCode } from './error-codes.js';

/** Error classes a route may fail over on (config.yaml `fallback.on`), in the order the docs list them. */
export const fallbackClasses = [
  'rate_limit',
  'overloaded',
  'server_error',
  'timeout',
  'connect_error',
  /** the prompt is too long for this model: only targets with a larger context window are tried */
  'context_length',
  /** the provider's content policy refused: off by default, since another may refuse too */
  'content_policy',
] as const;

/** One of the error classes a route may fail over on. */
export type FallbackClass = (typeof fallbackClasses)[number];

/** What the relay does after one error code. */
export interface RetryRule {
  /** The class `fallback.on` names to fail over on it; none: the client gets the error at once. */
  fallback?: FallbackClass;
  /**
   * The upstream is unwell: the failure counts against its circuit breaker and Retry-After, and
   * trying again (here or elsewhere) may well succeed. A client's mistake says nothing of the upstream.
   */
  unwell?: boolean;
  /** A stream that broke with it may be continued by the next target (`fallback.resume_streams`). */
  resumable?: boolean;
  /**
   * One key ran out (its rate limit, its quota), not the provider: the provider's next free key is
   * tried before the next target, and the key is held for a while.
   */
  keyBound?: boolean;
}

/**
 * When to fail over, count a failure against a provider, or continue a broken stream: the one
 * place that says so, as data (as undici's retry handler keeps its status and error-code lists).
 * A code missing here never fails over and never counts against a provider's health.
 */
export const retryRules: Readonly<Partial<Record<RelayErrorCode, RetryRule>>> = {
  UPSTREAM_RATE_LIMITED: { fallback: 'rate_limit', unwell: true, resumable: true, keyBound: true },
  // a quota used up at one provider is exactly when another should answer; waiting will not help
  UPSTREAM_QUOTA_EXCEEDED: { fallback: 'rate_limit', resumable: true, keyBound: true },
  UPSTREAM_OVERLOADED: { fallback: 'overloaded', unwell: true, resumable: true },
  UPSTREAM_SERVER_ERROR: { fallback: 'server_error', unwell: true, resumable: true },
  UPSTREAM_PROTOCOL_ERROR: { fallback: 'server_error', unwell: true, resumable: true },
  UPSTREAM_STREAM_ERROR: { fallback: 'server_error', unwell: true, resumable: true },
  UPSTREAM_TIMEOUT: { fallback: 'timeout', unwell: true, resumable: true },
  UPSTREAM_CONNECT_ERROR: { fallback: 'connect_error', unwell: true, resumable: true },
  // a continuation is longer still, so a prompt too long is not continued
  UPSTREAM_CONTEXT_TOO_LONG: { fallback: 'context_length' },
  // the rest of a filtered answer would be what the filter stopped
  UPSTREAM_CONTENT_POLICY: { fallback: 'content_policy' },
};

/** The rule for an error code (attempt logs also carry codes of their own, which have none). */
export function retryRuleFor(code: RelayErrorCode | string): RetryRule {
  return retryRules[code as RelayErrorCode] ?? {};
}

/** The fallback class of an error code, or undefined when no other target should be tried. */
export function fallbackClassOf(code: RelayErrorCode | string): FallbackClass | undefined {
  return retryRuleFor(code).fallback;
}

/** Whether an error says the upstream is unwell (counted by the breaker; retryable by default). */
export function isUpstreamFailure(code: RelayErrorCode | string): boolean {
  return retryRuleFor(code).unwell === true;
}

/**
 * Whether the relay tries another target after this error, given the classes `fallback.on`
 * allows.
 */
export function failsOver(code: RelayErrorCode | string, allowed: readonly FallbackClass[]): boolean {
  const fallback = fallbackClassOf(code);
  return fallback !== undefined && allowed.includes(fallback);
}
