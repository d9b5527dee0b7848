import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, installContentSecurityPolicy } from './content-security-policy.js';
import type { HeaderHook } from './content-security-policy.js';
import { createWebPreferences, createWindowOptions } from './window-options.js';

const origin = 'http://127.0.0.1:4141';

describe('window hardening', () => {
  it('isolates and sandboxes the page, with no Node in it', () => {
    const options = createWindowOptions('/app/dist/electron/preload.cjs');
    expect(options.webPreferences).toEqual(createWebPreferences('/app/dist/electron/preload.cjs'));
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options.width).toBeGreaterThanOrEqual(1280);
  });

  it('has a CSP without inline or eval scripts, framing or foreign connections', () => {
    const directives = new Map(
      contentSecurityPolicy.split('; ').map((directive) => {
        const [name, ...values] = directive.split(' ');
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:*']);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval/);
    const sources = [...directives.values()].flat();
    for (const wide of ['*', 'http:', 'https:', 'ws:']) expect(sources).not.toContain(wide);
  });
});

describe('CSP header hook', () => {
  function hook() {
    let listener: Parameters<HeaderHook['onHeadersReceived']>[0] | undefined;
    const webRequest: HeaderHook = { onHeadersReceived: (added) => void (listener = added) };
    installContentSecurityPolicy(webRequest, origin);
    return (url: string, responseHeaders?: Record<string, string[]>) => {
      let answer: { responseHeaders?: Record<string, string[]> } | undefined;
      listener!({ url, responseHeaders }, (response) => (answer = response));
      return answer;
    };
  }

  it('adds the policy to the app origin, keeping the relay’s own policy beside it', () => {
    const respond = hook();
    expect(respond(`${origin}/ui/`, { 'content-type': ['text/html'] })).toEqual({
      responseHeaders: { 'content-type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy] },
    });
    expect(respond(`${origin}/ui/`, { 'content-security-policy': ["default-src 'self'"] })).toEqual({
      responseHeaders: { 'content-security-policy': ["default-src 'self'", contentSecurityPolicy] },
    });
  });

  it('leaves other origins alone', () => {
    const respond = hook();
    expect(respond('https://example.com/', { a: ['b'] })).toEqual({});
    expect(respond('garbage')).toEqual({});
  });
});
