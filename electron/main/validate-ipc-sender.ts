/** The part of Electron's WebFrameMain the check reads. */
export interface SenderFrame {
  url: string;
}

/**
 * Whether an IPC message comes from a frame showing the app's own origin. A navigated or
 * injected frame (an iframe, a page that slipped past the navigation guard) gets nothing.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, appOrigin: string): boolean {
  if (!frame) return false;
  try {
    return new URL(frame.url).origin === appOrigin;
  } catch {
    return false;
  }
}
