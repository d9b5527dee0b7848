/**
 * An Anthropic client keeps the thinking blocks it is given and sends them back on the next turn,
 * signature and all, and Anthropic refuses a signature it did not issue. A signature valid only at
 * another provider (Claude on Bedrock) therefore reaches the client marked with that provider, and
 * the mark is taken off when the block comes back: the relay knows whose it is, sends it back there
 * and leaves it out for Anthropic. Anthropic's own signatures go unmarked, so a conversation that
 * stays with Anthropic is sent as the client wrote it. The mark starts with a character no base64
 * signature has.
 */
const marker = '~relay~';

/** The signature (or redacted data) a client is given for a block whose signature `provider` issued. */
export function markSignature(signature: string, provider: string | undefined): string {
  if (provider === undefined) return signature;
  return `${marker}${Buffer.from(provider).toString('base64url')}~${signature}`;
}

/**
 * A client's thinking signature (or redacted data) as the canonical form has it: the provider it is
 * valid at when it carries the relay's mark, nothing when it is empty (the reasoning of a provider
 * that signs nothing, which no one takes back as signed).
 */
export function readThinkingSignature(value: string | undefined): { signature?: string; provider?: string } {
  if (!value) return {};
  if (!value.startsWith(marker)) return { signature: value };
  const end = value.indexOf('~', marker.length);
  if (end === -1) return {};
  const provider = Buffer.from(value.slice(marker.length, end), 'base64url').toString('utf8');
  const signature = value.slice(end + 1);
  return { provider, ...(signature ? { signature } : {}) };
}

/** Whether a client's signature was issued by another provider than Anthropic, or is missing. */
export function isForeignSignature(value: unknown): boolean {
  return typeof value !== 'string' || value === '' || value.startsWith(marker);
}
