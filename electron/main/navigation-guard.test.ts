import { describe, expect, it } from 'vitest';
import { installNavigationGuard, isAllowedExternal, isAllowedNavigation } from './navigation-guard.js';
import type { GuardedContents } from './navigation-guard.js';
import { isTrustedSender } from './validate-ipc-sender.js';
import { windowWebPreferences } from './window-options.js';

const origin = 'http://127.0.0.1:4141';

function fakeContents() {
  let navigate: ((event: { preventDefault(): void }, url: string) => void) | undefined;
  let open: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents: GuardedContents = {
    on: (_event, listener) => (navigate = listener),
    setWindowOpenHandler: (handler) => (open = handler),
  };
  return {
    contents,
    navigate(url: string) {
      let prevented = false;
      navigate!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    },
    open: (url: string) => open!({ url }),
  };
}

describe('navigation guard', () => {
  it('keeps the window on the app origin', () => {
    const fake = fakeContents();
    installNavigationGuard(fake.contents, origin, () => undefined);
    expect(fake.navigate(`${origin}/ui/history`)).toBe(false);
    expect(fake.navigate('https://evil.example/')).toBe(true);
    expect(fake.navigate('http://127.0.0.1:9999/ui')).toBe(true);
    expect(fake.navigate('file:///etc/passwd')).toBe(true);
  });

  it('denies every new window and opens only allowlisted https links in the browser', () => {
    const opened: string[] = [];
    const fake = fakeContents();
    installNavigationGuard(fake.contents, origin, (url) => opened.push(url));
    expect(fake.open('https://platform.openai.com/api-keys')).toEqual({ action: 'deny' });
    expect(fake.open('http://platform.openai.com/api-keys')).toEqual({ action: 'deny' });
    expect(fake.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://platform.openai.com/api-keys']);
    expect(isAllowedExternal('javascript:alert(1)')).toBe(false);
    expect(isAllowedNavigation('not a url', origin)).toBe(false);
  });
});

describe('IPC sender validation and window hardening', () => {
  it('trusts only frames on the app origin', () => {
    expect(isTrustedSender({ url: `${origin}/ui/` }, origin)).toBe(true);
    expect(isTrustedSender({ url: 'https://evil.example/' }, origin)).toBe(false);
    expect(isTrustedSender(null, origin)).toBe(false);
  });

  it('isolates and sandboxes the renderer', () => {
    expect(windowWebPreferences('/p.js')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });
});
