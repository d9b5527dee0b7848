import { describe, expect, it } from 'vitest';
import {
  formatCost,
  formatDuration,
  formatStatus,
  formatTokens,
  formatContext,
  formatPerMillion,
  formatUsd,
  formatFitNote,
} from './format.js';

describe('request formatting', () => {
  it('never shows an unpriced request as $0', () => {
    expect(formatCost({ unpriced: true, costUsd: null })).toBe('unpriced');
    expect(formatCost({ unpriced: true, costUsd: 0 })).toBe('unpriced');
    expect(formatCost({ unpriced: false, costUsd: null })).toBe('—');
    expect(formatCost({ unpriced: false, costUsd: 0.0000425 })).toBe('$0.000043');
    expect(formatCost({ unpriced: false, costUsd: 0 })).toBe('$0.000000');
  });

  it('formats durations, tokens and statuses', () => {
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(87.4)).toBe('87 ms');
    expect(formatDuration(1530)).toBe('1.53 s');
    expect(formatTokens({ inputTokens: 1204, outputTokens: 87 })).toBe('1,204 / 87');
    expect(formatTokens({ inputTokens: 12 })).toBe('12 / —');
    expect(formatTokens({})).toBe('—');
    expect(formatStatus({ status: 'ok' })).toBe('ok');
    expect(formatStatus({ status: 'client_closed' })).toBe('client closed');
    expect(formatStatus({ status: 'error', httpStatus: 429, errorCode: 'UPSTREAM_RATE_LIMITED' })).toBe(
      'error 429 UPSTREAM_RATE_LIMITED',
    );
  });
});

describe('catalog and cost formats', () => {
  it('shows per-token prices per 1M tokens, and an unknown price as a dash, never $0', () => {
    expect(formatPerMillion(0.00000015)).toBe('$0.15');
    expect(formatPerMillion(0.000015)).toBe('$15.00');
    expect(formatPerMillion(0)).toBe('$0.00');
    expect(formatPerMillion(undefined)).toBe('—');
  });

  it('shortens context windows and keeps small costs readable', () => {
    expect(formatContext(128_000)).toBe('128k');
    expect(formatContext(1_048_576)).toBe('1M');
    expect(formatContext(undefined)).toBe('—');
    expect(formatUsd(12.3)).toBe('$12.30');
    expect(formatUsd(0.000412)).toBe('$0.000412');
    expect(formatUsd(null)).toBe('—');
  });

  it('says what fitting changed, from what to what, and why', () => {
    expect(
      formatFitNote({
        param: 'max_tokens',
        change: 'clamped',
        from: 32000,
        to: 16384,
        why: 'the catalog limit',
      }),
    ).toBe('max_tokens clamped 32000 → 16384: the catalog limit');
    expect(
      formatFitNote({ param: 'reasoning', change: 'left out', from: 'high', why: 'does not reason' }),
    ).toBe('reasoning left out (high): does not reason');
    expect(formatFitNote({ param: 'max_tokens', change: 'set', to: 64000, why: 'required' })).toBe(
      'max_tokens set 64000: required',
    );
  });
});
