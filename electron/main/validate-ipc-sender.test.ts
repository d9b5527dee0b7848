import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './validate-ipc-sender.js';

const origin = 'http://127.0.0.1:4141';

describe('IPC sender validation', () => {
  it('trusts frames on the app origin', () => {
    expect(isTrustedSender({ url: `${origin}/ui/` }, origin)).toBe(true);
    expect(isTrustedSender({ url: `${origin}/ui/#token=abc` }, origin)).toBe(true);
  });

  it('rejects other origins, ports, schemes, missing and broken frames', () => {
    expect(isTrustedSender({ url: 'https://evil.example/' }, origin)).toBe(false);
    expect(isTrustedSender({ url: 'http://127.0.0.1:4142/ui/' }, origin)).toBe(false);
    expect(isTrustedSender({ url: 'https://127.0.0.1:4141/ui/' }, origin)).toBe(false);
    expect(isTrustedSender({ url: 'file:///ui/index.html' }, origin)).toBe(false);
    expect(isTrustedSender({ url: 'about:blank' }, origin)).toBe(false);
    expect(isTrustedSender({ url: '' }, origin)).toBe(false);
    expect(isTrustedSender(null, origin)).toBe(false);
    expect(isTrustedSender(undefined, origin)).toBe(false);
  });
});
