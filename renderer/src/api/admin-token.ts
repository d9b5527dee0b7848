const storageKey = 'switchboard.adminToken';

/** Where the token can come from; the browser's own objects unless a test passes others. */
export interface TokenSources {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

function browserSources(): TokenSources {
  return { location: window.location, history: window.history, storage: window.sessionStorage };
}

/**
 * Takes the admin token from the URL fragment (`#token=…`, printed by `npm run relay` and used by
 * the desktop window), keeps it in session storage (a reload keeps it, closing the tab drops it)
 * and removes it from the address bar, so it is not left in history, bookmarks or screenshots.
 */
export function takeAdminToken(sources: TokenSources = browserSources()): string | undefined {
  const { location, history, storage } = sources;
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = fragment.get('token');
  if (token) {
    storage.setItem(storageKey, token);
    fragment.delete('token');
    const rest = fragment.toString();
    history.replaceState(
      history.state,
      '',
      `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`,
    );
    return token;
  }
  return storage.getItem(storageKey) ?? undefined;
}

/** The desktop preload's bridge, when the page runs in the Electron window (electron/preload). */
interface DesktopBridge {
  getRelayEndpoint(): Promise<{ url: string; adminToken: string }>;
}

/** The token from the desktop app, or undefined in a plain browser. */
export async function desktopAdminToken(): Promise<string | undefined> {
  const bridge = (window as Window & { switchboard?: DesktopBridge }).switchboard;
  if (!bridge) return undefined;
  try {
    return (await bridge.getRelayEndpoint()).adminToken;
  } catch {
    return undefined;
  }
}
