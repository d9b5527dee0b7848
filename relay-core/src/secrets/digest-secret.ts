import { hash, timingSafeEqual } from 'node:crypto';

/** A secret's SHA-256 digest (equal lengths for constant-time comparison). */
export function digestSecret(secret: string): Buffer {
  // the one-shot form: no Hash object per request
  return hash('sha256', secret, 'buffer');
}

/** Compares secrets in constant time (hashing first makes the lengths equal). */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(digestSecret(a), digestSecret(b));
}
