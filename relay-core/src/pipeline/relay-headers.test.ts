import { describe, expect, it } from 'vitest';
import { relayHeaders } from './relay-headers.js';

const cost = (costUsd: number | null) => relayHeaders({ requestId: 'r', costUsd })['x-relay-cost-usd'];

describe('relayHeaders', () => {
  it('writes a cost in plain decimals, trailing zeros cut, never in exponent form', () => {
    expect(cost(1e-7)).toBe('0.0000001');
    expect(cost(0.00125)).toBe('0.00125');
    expect(cost(2)).toBe('2');
    expect(cost(10.5)).toBe('10.5');
    expect(cost(0)).toBe('0');
    expect(cost(4e-11)).toBe('0');
    expect(cost(null)).toBe('unpriced');
  });

  it('leaves out what the fields leave out', () => {
    expect(relayHeaders({ requestId: 'r' })).toEqual({ 'x-relay-request-id': 'r' });
  });
});
