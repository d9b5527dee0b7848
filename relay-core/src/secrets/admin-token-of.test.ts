import { describe, expect, it } from 'vitest';
import { adminTokenOf } from './admin-token-of.js';

describe('adminTokenOf', () => {
  it('makes a new token each run unless SWITCHBOARD_ADMIN_TOKEN sets one', () => {
    const made = adminTokenOf({});
    expect(made).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(adminTokenOf({})).not.toBe(made);
    const set = 'x'.repeat(40);
    expect(adminTokenOf({ SWITCHBOARD_ADMIN_TOKEN: ` ${set}\n` })).toBe(set);
  });

  it('refuses a token short enough to guess, saying how long it must be', () => {
    expect(() => adminTokenOf({ SWITCHBOARD_ADMIN_TOKEN: 'secret' })).toThrow(
      /SWITCHBOARD_ADMIN_TOKEN is 6 characters; use at least 32/,
    );
  });
});
