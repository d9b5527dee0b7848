import { describe, expect, it } from 'vitest';
import { createClientAuthenticator, digestSecret, extractClientKey } from './client-auth.js';

describe('client keys', () => {
  const stored = new Map([[digestSecret('sb-stored-key').toString('hex'), { name: 'aider' }]]);
  const authenticate = createClientAuthenticator(
    [
      { key: 'sb-env-key', name: 'env' },
      { key: undefined, name: 'unset' },
      { key: 'sb-playground-key', name: 'playground' },
    ],
    (digest) => stored.get(digest),
  );

  it('names the client of the env key, the playground key and a stored key', () => {
    expect(authenticate('sb-env-key')).toEqual({ name: 'env' });
    expect(authenticate('sb-playground-key')).toEqual({ name: 'playground' });
    expect(authenticate('sb-stored-key')).toEqual({ name: 'aider' });
  });

  it('refuses a wrong key, a prefix of a real one, and the empty key an unset variable would give', () => {
    expect(authenticate('sb-env-ke')).toBeUndefined();
    expect(authenticate('sb-wrong')).toBeUndefined();
    expect(authenticate('')).toBeUndefined();
  });

  it('refuses a stored key once it is revoked, although it was accepted before', () => {
    const keys = new Map([[digestSecret('sb-revoked-later').toString('hex'), { name: 'continue' }]]);
    const check = createClientAuthenticator([], (digest) => keys.get(digest));
    expect(check('sb-revoked-later')).toEqual({ name: 'continue' });
    keys.clear();
    expect(check('sb-revoked-later')).toBeUndefined();
  });

  it('reads the key from Authorization: Bearer, x-api-key or x-goog-api-key', () => {
    expect(extractClientKey({ authorization: 'Bearer  sb-a ' })).toBe('sb-a');
    expect(extractClientKey({ 'x-api-key': 'sb-b' })).toBe('sb-b');
    expect(extractClientKey({ 'x-goog-api-key': 'sb-c' })).toBe('sb-c');
    expect(extractClientKey({})).toBeUndefined();
  });
});
