import { describe, expect, it } from 'vitest';
import { installNavigationGuard, isAllowedNavigation } from './navigation-guard.js';
import type { GuardedContents } from './navigation-guard.js';

const origin = 'http://127.0.0.1:4141';

/** A WebContents stand-in that fires its listeners the way Electron would. */
function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents: GuardedContents = {
    on: (event: string, listener: (event: { preventDefault(): void }, url: string) => void) =>
      listeners.set(event, listener),
    setWindowOpenHandler: (handler) => void (openHandler = handler),
  };
  const fire = (event: string, url: string) => {
    let prevented = false;
    listeners.get(event)!({ preventDefault: () => (prevented = true) }, url);
    return prevented ? 'blocked' : 'allowed';
  };
  return {
    contents,
    navigate: (url: string) => fire('will-navigate', url),
    redirect: (url: string) => fire('will-redirect', url),
    open: (url: string) => openHandler!({ url }),
  };
}

describe('navigation guard', () => {
  it('lets the window move within the app origin only', () => {
    const fake = fakeContents();
    installNavigationGuard(fake.contents, origin, () => undefined);
    expect(fake.navigate(`${origin}/ui/#/requests`)).toBe('allowed');
    expect(fake.navigate('https://evil.example/')).toBe('blocked');
    expect(fake.navigate('http://127.0.0.1:9999/ui/')).toBe('blocked');
    expect(fake.navigate('http://localhost:4141/ui/')).toBe('blocked');
    expect(fake.navigate('file:///etc/passwd')).toBe('blocked');
    expect(fake.redirect('https://evil.example/')).toBe('blocked');
    expect(fake.redirect(`${origin}/ui/`)).toBe('allowed');
  });

  it('denies every new window; allowlisted https links open in the OS browser instead', () => {
    const opened: string[] = [];
    const fake = fakeContents();
    installNavigationGuard(fake.contents, origin, (url) => opened.push(url));
    expect(fake.open('https://platform.openai.com/api-keys')).toEqual({ action: 'deny' });
    expect(fake.open('http://platform.openai.com/api-keys')).toEqual({ action: 'deny' });
    expect(fake.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(fake.open(`${origin}/ui/`)).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://platform.openai.com/api-keys']);
  });

  it('treats unparsable URLs as foreign', () => {
    expect(isAllowedNavigation('not a url', origin)).toBe(false);
    expect(isAllowedNavigation('', origin)).toBe(false);
  });

  it('follows the relay to another port', () => {
    let current = origin;
    const fake = fakeContents();
    installNavigationGuard(
      fake.contents,
      () => current,
      () => undefined,
    );
    current = 'http://127.0.0.1:4142';
    expect(fake.navigate(`${origin}/ui/`)).toBe('blocked');
    expect(fake.navigate(`${current}/ui/`)).toBe('allowed');
  });
});
