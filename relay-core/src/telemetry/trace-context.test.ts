import { describe, expect, it } from 'vitest';
import { readTraceParent } from './trace-context.js';

describe('readTraceParent', () => {
  it('takes a W3C traceparent as sent, and nothing that is not one', () => {
    const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    expect(readTraceParent({ traceparent: valid })).toBe(valid);
    expect(readTraceParent({ traceparent: ` ${valid} ` })).toBe(valid);
    for (const invalid of [
      undefined,
      '',
      'garbage',
      // all-zero ids mean "no trace" in the specification
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
      // a version this relay does not know, upper-case hex, a missing field
      'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      '00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-01',
    ])
      expect(readTraceParent({ traceparent: invalid })).toBeUndefined();
  });
});
