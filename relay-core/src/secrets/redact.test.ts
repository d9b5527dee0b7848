import { describe, expect, it } from 'vitest';
import { createRedactor, redactor } from './redact.js';

describe('redactor', () => {
  it('scrubs registered secrets wherever they appear', () => {
    const scrub = createRedactor();
    scrub.add('plain-secret-123');
    expect(scrub.redact('401: key plain-secret-123 rejected; plain-secret-123')).toBe(
      '401: key [redacted] rejected; [redacted]',
    );
  });

  it('treats regexp metacharacters in a secret literally', () => {
    const scrub = createRedactor();
    scrub.add('a.b*c+d?(e)[f]{g}|h^$\\/');
    expect(scrub.redact('x a.b*c+d?(e)[f]{g}|h^$\\/ y')).toBe('x [redacted] y');
    expect(scrub.redact('aXbbbcd')).toBe('aXbbbcd');
  });

  it('ignores secrets under 8 characters and scrubs a longer secret whole', () => {
    const scrub = createRedactor();
    scrub.add('short');
    scrub.add('abcdefgh');
    scrub.add('abcdefgh-and-more');
    expect(scrub.redact('short abcdefgh-and-more')).toBe('short [redacted]');
  });

  it('scrubs well-known key shapes it was never told about', () => {
    const scrub = createRedactor();
    const cases = [
      'sk-proj-abcdefghijklmnop1234',
      'sk-ant-api03-abcdefghijklmnopqrstuvwxyz_0123-AA',
      'sk-0123456789abcdef0123456789abcdef',
      'AIzaSyA1234567890abcdefghijk',
      'gsk_ABCDEFGHIJKLMNOPQRST',
      'xai-abcdefghijklmnopqrstuvwx',
      'AKIAIOSFODNN7EXAMPLE',
    ];
    for (const key of cases) {
      expect(scrub.redact(`Incorrect API key provided: ${key}.`)).toBe(
        'Incorrect API key provided: [redacted].',
      );
    }
  });

  it('leaves short look-alikes and words that merely contain a prefix alone', () => {
    const scrub = createRedactor();
    for (const text of ['sk-short', 'task-abcdefghijklmnopqrstuvwxyz', 'AKIA123', 'gsk_abc']) {
      expect(scrub.redact(text)).toBe(text);
    }
  });

  it('keeps the process-wide instance separate from new ones', () => {
    const scrub = createRedactor();
    scrub.add('only-in-this-instance');
    expect(redactor.redact('only-in-this-instance')).toBe('only-in-this-instance');
  });
});
