/** Accepts IPC only from a frame showing the app's own origin (not an injected or navigated frame). */
export function isTrustedSender(frame: { url: string } | null | undefined, appOrigin: string): boolean {
  if (!frame) return false;
  try {
    return new URL(frame.url).origin === appOrigin;
  } catch {
    return false;
  }
}
