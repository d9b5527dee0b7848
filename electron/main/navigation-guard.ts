import { currentOrigin } from './app-origin.js';
import type { AppOrigin } from './app-origin.js';
import { isAllowedExternalUrl } from './external-links.js';

/** Whether a navigation stays on the app's own origin (the relay that serves /ui). */
export function isAllowedNavigation(url: string, appOrigin: string): boolean {
  try {
    return new URL(url).origin === appOrigin;
  } catch {
    return false;
  }
}

type NavigationListener = (event: { preventDefault(): void }, url: string) => void;

/** The parts of Electron's WebContents the guard uses (a parameter, so tests pass a fake). */
export interface GuardedContents {
  on(event: 'will-navigate', listener: NavigationListener): unknown;
  on(event: 'will-redirect', listener: NavigationListener): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Keeps a window on the app: navigations and redirects elsewhere are cancelled, and no new window
 * ever opens; a link to an allowlisted https site goes to the OS browser instead.
 */
export function installNavigationGuard(
  contents: GuardedContents,
  appOrigin: AppOrigin,
  openExternal: (url: string) => void,
): void {
  const stayOnApp: NavigationListener = (event, url) => {
    if (!isAllowedNavigation(url, currentOrigin(appOrigin))) event.preventDefault();
  };
  contents.on('will-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}
