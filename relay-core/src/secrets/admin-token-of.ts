import { randomBytes } from 'node:crypto';

/** Shorter than this, a token could be guessed through the network a team server listens on. */
const minLength = 32;

/**
 * The admin API's token: SWITCHBOARD_ADMIN_TOKEN when set (a team server's UI and /metrics need
 * one that outlives a restart), otherwise made anew for this run. Throws when the set one is short.
 */
export function adminTokenOf(env: NodeJS.ProcessEnv): string {
  const given = env.SWITCHBOARD_ADMIN_TOKEN?.trim();
  if (!given) return randomBytes(24).toString('base64url');
  if (given.length < minLength)
    throw new Error(
      `SWITCHBOARD_ADMIN_TOKEN is ${given.length} characters; use at least ${minLength} (openssl rand -base64 32)`,
    );
  return given;
}
