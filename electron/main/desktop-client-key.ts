import { randomBytes } from 'node:crypto';
import type { SecretStore } from '../../relay-core/src/secrets/types.js';

/** Account under which the desktop's own client key is kept (in its own keychain service). */
export const desktopClientKeyAccount = 'desktop-client-key';

/**
 * The client key the tray copies for local tools. The relay stores its client keys hashed and
 * shows them once, so the desktop keeps one of its own in the keychain and hands it to the relay
 * process as SWITCHBOARD_API_KEY. Created on first start; the same key on every later start.
 */
export async function loadDesktopClientKey(
  store: SecretStore,
  generate: () => string = () => `sb-${randomBytes(24).toString('base64url')}`,
): Promise<string> {
  const existing = await store.get(desktopClientKeyAccount);
  if (existing) return existing;
  const created = generate();
  await store.set(desktopClientKeyAccount, created);
  return created;
}
