/** Hosts whose pages may be opened in the user's browser from the app. */
export const externalAllowlist = new Set([
  'github.com',
  'platform.openai.com',
  'docs.anthropic.com',
  'docs.claude.com',
  'console.anthropic.com',
  'ai.google.dev',
  'aistudio.google.com',
  'platform.deepseek.com',
  'console.groq.com',
  'console.mistral.ai',
  'openrouter.ai',
]);

/** Whether a navigation stays on the app's own origin (the relay's /ui). */
export function isAllowedNavigation(url: string, appOrigin: string): boolean {
  try {
    return new URL(url).origin === appOrigin;
  } catch {
    return false;
  }
}

/** Whether a link may be handed to the OS browser: https and an allowlisted host only. */
export function isAllowedExternal(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && externalAllowlist.has(parsed.hostname);
  } catch {
    return false;
  }
}

/** The parts of Electron's WebContents the guard uses (injected so it is testable in Node). */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Denies navigation away from the app and every new window; allowlisted links open externally. */
export function installNavigationGuard(
  contents: GuardedContents,
  appOrigin: string,
  openExternal: (url: string) => void,
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, appOrigin)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) openExternal(url);
    return { action: 'deny' };
  });
}
