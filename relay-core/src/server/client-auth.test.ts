import { describe, expect, it } from 'vitest';
import { digestSecret } from '../secrets/digest-secret.js';
import { createClientAuthenticator, extractClientKey } from './client-auth.js';

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
    expect(authenticate('sb-env-key')).toMatchObject({ name: 'env' });
    expect(authenticate('sb-playground-key')).toMatchObject({ name: 'playground' });
    expect(authenticate('sb-stored-key')).toMatchObject({ name: 'aider' });
  });

  it('gives each key its own partition, the same on every request, whatever its name', () => {
    const first = authenticate('sb-env-key')!.partition;
    expect(authenticate('sb-env-key')!.partition).toBe(first);
    expect(authenticate('sb-stored-key')!.partition).not.toBe(first);
    // a new key under the name of an old one does not inherit its data
    const renamed = createClientAuthenticator([{ key: 'sb-env-key-2', name: 'env' }], () => undefined);
    expect(renamed('sb-env-key-2')!.partition).not.toBe(first);
    // nor is the partition the digest the client keys table stores
    expect(first).not.toContain(digestSecret('sb-env-key').toString('hex').slice(0, 8));
  });

  it('refuses a wrong key, a prefix of a real one, and the empty key an unset variable would give', () => {
    expect(authenticate('sb-env-ke')).toBeUndefined();
    expect(authenticate('sb-wrong')).toBeUndefined();
    expect(authenticate('')).toBeUndefined();
  });

  it('refuses a stored key once it is revoked, although it was accepted before', () => {
    const keys = new Map([[digestSecret('sb-revoked-later').toString('hex'), { name: 'continue' }]]);
    const check = createClientAuthenticator([], (digest) => keys.get(digest));
    expect(check('sb-revoked-later')).toMatchObject({ name: 'continue' });
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
