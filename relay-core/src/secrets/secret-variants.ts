/** Alignments of a secret inside a longer base64 text: the bytes before it, modulo 3. */
const base64Alignments = [0, 1, 2];

/**
 * The base64 characters that depend on the secret alone when it sits `offset` bytes into a longer
 * encoded text (`Basic` credentials, `Bearer <key>` encoded whole, a JSON blob in a token).
 */
function base64Inner(secret: Buffer, offset: number, alphabet: 'base64' | 'base64url'): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), secret])
    .toString(alphabet)
    .replace(/=+$/, '');
  const first = Math.ceil((8 * offset) / 6);
  const last = Math.floor((8 * (offset + secret.length)) / 6);
  return encoded.slice(first, last);
}

/**
 * The forms in which a secret can show up in an upstream's error or a log line: as it is, base64
 * (standard and URL-safe, at every byte alignment), percent-encoded and JSON-escaped. Case and
 * the `Bearer ` prefix need no variant of their own: matching ignores case and finds the secret
 * inside any text.
 */
export function secretVariants(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const variants = new Set<string>([secret]);
  for (const offset of base64Alignments) {
    variants.add(base64Inner(bytes, offset, 'base64'));
    variants.add(base64Inner(bytes, offset, 'base64url'));
  }
  const percent = encodeURIComponent(secret);
  variants.add(percent);
  variants.add(percent.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
  // form encoding writes a space as '+'
  variants.add(percent.replace(/%20/g, '+'));
  const json = JSON.stringify(secret).slice(1, -1);
  variants.add(json);
  // some serialisers (PHP's among them) escape '/' too
  variants.add(json.replace(/\//g, '\\/'));
  return [...variants];
}
