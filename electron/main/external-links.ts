import type { IpcOutcome } from '../shared/ipc-channels.js';

/** Hosts whose pages the app may open in the OS browser: provider consoles and docs, GitHub. */
export const externalLinkHosts: ReadonlySet<string> = new Set([
  'github.com',
  'platform.openai.com',
  'docs.anthropic.com',
  'docs.claude.com',
  'console.anthropic.com',
  'ai.google.dev',
  'aistudio.google.com',
  'platform.deepseek.com',
  'api-docs.deepseek.com',
  'console.groq.com',
  'console.mistral.ai',
  'docs.mistral.ai',
  'openrouter.ai',
  'docs.x.ai',
  'console.x.ai',
  'ollama.com',
]);

/** Whether a link may leave the app: https, no credentials in it, and an allowlisted host. */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    externalLinkHosts.has(parsed.hostname)
  );
}

/**
 * Opens `url` through `openExternal` (Electron's `shell.openExternal`) when it is allowed; the
 * value arrives over IPC, so it is checked as untrusted input.
 */
export async function openAllowedExternal(
  url: unknown,
  openExternal: (url: string) => Promise<void>,
): Promise<IpcOutcome> {
  if (typeof url !== 'string' || !isAllowedExternalUrl(url)) {
    return { ok: false, code: 'URL_NOT_ALLOWED', message: 'only https links to known provider sites open' };
  }
  try {
    await openExternal(url);
    return { ok: true };
  } catch (error) {
    return {
      ok: false,
      code: 'OPEN_FAILED',
      message: error instanceof Error ? error.message : String(error),
    };
  }
}
