import { hash, timingSafeEqual } from 'node:crypto';
import { digestSecret } from '../secrets/digest-secret.js';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Reads a client key from `Authorization: Bearer …` (OpenAI SDKs), `x-api-key` (Anthropic SDKs)
 * or `x-goog-api-key` (Gemini CLI, `@google/genai`). Never from a URL: a `key=` parameter ends up
 * in logs, and is refused on Gemini paths.
 */
export function extractClientKey(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (match) return match[1]!.trim();
  }
  for (const name of ['x-api-key', 'x-goog-api-key']) {
    const apiKey = headers[name];
    if (typeof apiKey === 'string' && apiKey.trim().length > 0) return apiKey.trim();
  }
  return undefined;
}

/** Accepted keys whose digests are kept; more are unusual (a few tools on one machine). */
const maxRememberedKeys = 64;

/** An authenticated client: its name (limits, history) and the partition its data lives in. */
export interface AuthenticatedClient {
  name: string;
  /**
   * Stands for the key itself, not its name: stored responses and cached answers are bound to it,
   * so a key created later under a revoked key's name, or a changed SWITCHBOARD_API_KEY, starts
   * with nothing. Derived from the key's digest, and not that digest, so what the history database
   * holds cannot be matched against the client keys table.
   */
  partition: string;
}

function partitionOf(digest: Buffer): string {
  return hash(
    'sha256',
    Buffer.concat([Buffer.from('switchboard client partition\0'), digest]),
    'base64url',
  ).slice(0, 22);
}

/**
 * Checks a client key against the fixed keys of this run (the env key, the playground's), then
 * the stored ones, hashing the presented key once: this runs on every request.
 */
export function createClientAuthenticator(
  fixed: Array<{ key: string | undefined; name: string }>,
  verifyStored: (hexDigest: string) => { name: string } | undefined,
): (key: string) => AuthenticatedClient | undefined {
  const digests = fixed.flatMap(({ key, name }) => (key ? [{ digest: digestSecret(key), name }] : []));
  // Hashing is the slow step: OpenSSL 3 looks the digest up on every call, about 1 µs when warm
  // and 45 µs after a moment idle. A client sends the same key on every request, so the digests of
  // keys that were accepted are kept, with their partition. Only those: a stored key still goes to
  // `verifyStored` every time, which knows whether it was revoked.
  // the digest's hex form too: converting it cost as much as the rest of a remembered key's check
  const accepted = new Map<string, { digest: Buffer; hex: string; partition: string }>();
  return (key) => {
    const known = accepted.get(key);
    const digest = known?.digest ?? digestSecret(key);
    const hex = known?.hex ?? digest.toString('hex');
    let name: string | undefined;
    for (const fixedKey of digests) if (timingSafeEqual(digest, fixedKey.digest)) name ??= fixedKey.name;
    name ??= verifyStored(hex)?.name;
    if (name === undefined) return undefined;
    if (known) return { name, partition: known.partition };
    if (accepted.size >= maxRememberedKeys) accepted.clear();
    const partition = partitionOf(digest);
    accepted.set(key, { digest, hex, partition });
    return { name, partition };
  };
}
