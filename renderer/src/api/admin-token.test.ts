import { describe, expect, it } from 'vitest';
import { takeAdminToken } from './admin-token.js';
import type { TokenSources } from './admin-token.js';

function browser(hash: string, stored?: string) {
  const storage = new Map<string, string>(stored ? [['switchboard.adminToken', stored]] : []);
  const address = { value: `/ui/${hash}` };
  const sources: TokenSources = {
    location: { hash, pathname: '/ui/', search: '' },
    history: { state: null, replaceState: (_state, _title, url) => void (address.value = String(url)) },
    storage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => void storage.set(key, value),
    },
  };
  return { sources, storage, address };
}

describe('admin token from the URL fragment', () => {
  it('takes the token, keeps it for the session and clears it from the address bar', () => {
    const fake = browser('#token=abc-123_x');
    expect(takeAdminToken(fake.sources)).toBe('abc-123_x');
    expect(fake.storage.get('switchboard.adminToken')).toBe('abc-123_x');
    expect(fake.address.value).toBe('/ui/');
  });

  it('keeps other fragment parameters', () => {
    const fake = browser('#token=abc&view=requests');
    expect(takeAdminToken(fake.sources)).toBe('abc');
    expect(fake.address.value).toBe('/ui/#view=requests');
  });

  it('falls back to the stored token after a reload, and has none without either', () => {
    expect(takeAdminToken(browser('', 'stored').sources)).toBe('stored');
    expect(takeAdminToken(browser('#token=', undefined).sources)).toBeUndefined();
  });
});
