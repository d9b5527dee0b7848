import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor, minSecretLength, redactor } from './redact.js';

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

  it('scrubs a secret cut short, its end alone, in another case, after Bearer, base64, URL and JSON encoded', () => {
    const key = 'sk-lk-SECRET789+/=x';
    const scrub = createRedactor();
    scrub.add(key);
    const forms = [
      key.slice(0, -1),
      key.slice(0, minSecretLength),
      key.slice(-minSecretLength),
      key.toUpperCase(),
      key.toLowerCase(),
      `Bearer ${key}`,
      Buffer.from(`Bearer ${key}`).toString('base64'),
      Buffer.from(`x-api-key:${key}`).toString('base64url'),
      Buffer.from(key).toString('base64'),
      encodeURIComponent(key),
      encodeURIComponent(key).toLowerCase(),
      JSON.stringify({ key }),
      JSON.stringify(JSON.stringify({ key })),
      JSON.stringify(key).replace(/\//g, '\\/'),
    ];
    for (const form of forms) {
      const scrubbed = scrub.redact(`upstream said: ${form}; done`);
      expect(scrubbed, form).toContain('[redacted]');
      expect(scrubbed.toLowerCase(), form).not.toContain('secret789');
      expect(scrubbed.endsWith('; done'), form).toBe(true);
    }
    // what is left around a scrubbed piece is the text, not more of the key
    expect(scrub.redact(`prefix ${key.slice(0, -1)} suffix`)).toBe('prefix [redacted] suffix');
    // fewer than 8 characters of a key are not a secret on their own
    expect(scrub.redact('sk-lk-S')).toBe('sk-lk-S');
  });

  it('leaves no piece of 8 characters of any registered key, in any case or encoding', () => {
    const keyChars = fc.constantFrom(
      ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'.split(''),
    );
    // each encoding, and the part of its output that comes from the key alone
    const base64Of = (prefix: string, text: string) => {
      const encoded = Buffer.from(prefix + text).toString('base64');
      const first = Math.ceil((8 * prefix.length) / 6);
      return {
        text: encoded,
        carried: encoded.slice(first, Math.floor((8 * (prefix.length + text.length)) / 6)),
      };
    };
    const encodings: Array<(text: string) => { text: string; carried: string }> = [
      (text) => ({ text, carried: text }),
      (text) => ({ text: text.toUpperCase(), carried: text }),
      (text) => ({ text: `Bearer ${text}`, carried: text }),
      (text) => base64Of('Bearer ', text),
      (text) => base64Of('', text),
      (text) => ({ text: encodeURIComponent(text), carried: encodeURIComponent(text) }),
      (text) => ({ text: JSON.stringify(text), carried: text }),
    ];
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: keyChars, minLength: 20, maxLength: 60 }), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: encodings.length - 1 }),
        fc.string({ maxLength: 40 }),
        (keys, from, length, encoding, noise) => {
          const scrub = createRedactor();
          for (const key of keys) scrub.add(key);
          const key = keys[from % keys.length]!;
          const start = from % (key.length - minSecretLength);
          const piece = key.slice(
            start,
            start + minSecretLength + (length % (key.length - start - minSecretLength + 1)),
          );
          const { text, carried } = encodings[encoding]!(piece);
          const scrubbed = scrub.redact(`${noise}${text}${noise}`).toLowerCase();
          for (const known of keys)
            for (let i = 0; i + minSecretLength <= known.length; i++)
              expect(scrubbed).not.toContain(known.slice(i, i + minSecretLength).toLowerCase());
          for (let i = 0; i + minSecretLength <= carried.length; i++)
            expect(scrubbed).not.toContain(carried.slice(i, i + minSecretLength).toLowerCase());
        },
      ),
    );
  });
});
