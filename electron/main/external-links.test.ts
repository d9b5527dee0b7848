import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, openAllowedExternal } from './external-links.js';

describe('external link allowlist', () => {
  it('allows https pages of known provider sites and GitHub', () => {
    expect(isAllowedExternalUrl('https://platform.openai.com/api-keys')).toBe(true);
    expect(isAllowedExternalUrl('https://github.com/switchboard/switchboard/issues')).toBe(true);
  });

  it('refuses other schemes, hosts, look-alikes, credentials and ports', () => {
    for (const url of [
      'http://platform.openai.com/api-keys',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://evil.example/',
      'https://github.com.evil.example/',
      'https://evil.example/?https://github.com/',
      'https://user:pass@github.com/',
      'https://github.com:8443/',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('opens allowed links and reports refusals and failures as data', async () => {
    const opened: string[] = [];
    const open = async (url: string) => void opened.push(url);
    expect(await openAllowedExternal('https://github.com/', open)).toEqual({ ok: true });
    expect(await openAllowedExternal('https://evil.example/', open)).toMatchObject({
      ok: false,
      code: 'URL_NOT_ALLOWED',
    });
    expect(await openAllowedExternal({ href: 'https://github.com/' }, open)).toMatchObject({
      ok: false,
      code: 'URL_NOT_ALLOWED',
    });
    expect(opened).toEqual(['https://github.com/']);
    const failing = async () => {
      throw new Error('no browser');
    };
    expect(await openAllowedExternal('https://github.com/', failing)).toEqual({
      ok: false,
      code: 'OPEN_FAILED',
      message: 'no browser',
    });
  });
});
