import { currentOrigin } from './app-origin.js';
import type { AppOrigin } from './app-origin.js';

/**
 * The window's Content-Security-Policy: scripts, styles and data from the app's origin only, the
 * admin API on loopback, nothing framed, no plugins. The relay sends its own policy for /ui;
 * browsers enforce every policy a response carries, so adding this one can only narrow it.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' http://127.0.0.1:*",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

type Headers = Record<string, string[]>;

/** The part of Electron's `session.webRequest` the policy needs. */
export interface HeaderHook {
  onHeadersReceived(
    listener: (
      details: { url: string; responseHeaders?: Headers },
      callback: (response: { responseHeaders?: Headers }) => void,
    ) => void,
  ): void;
}

/** Appends the policy to every response from the app's origin; other responses pass untouched. */
export function installContentSecurityPolicy(webRequest: HeaderHook, appOrigin: AppOrigin): void {
  webRequest.onHeadersReceived((details, callback) => {
    let origin: string | undefined;
    try {
      origin = new URL(details.url).origin;
    } catch {
      origin = undefined;
    }
    if (origin !== currentOrigin(appOrigin)) return callback({});
    const headers: Headers = { ...details.responseHeaders };
    const name = Object.keys(headers).find((key) => key.toLowerCase() === 'content-security-policy');
    if (name) headers[name] = [...(headers[name] ?? []), contentSecurityPolicy];
    else headers['Content-Security-Policy'] = [contentSecurityPolicy];
    callback({ responseHeaders: headers });
  });
}
