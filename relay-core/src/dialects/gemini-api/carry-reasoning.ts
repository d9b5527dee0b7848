import type { ReasoningPart } from '../../canonical/types.js';

/**
 * Another provider's signed reasoning (Anthropic's thinking and its signature, a redacted block)
 * must come back on the next turn, but Gemini clients keep only a part's opaque
 * `thoughtSignature` (Gemini CLI drops thought parts from its history). The relay carries such
 * reasoning inside the `thoughtSignature` of the part that follows it, behind a prefix no Gemini
 * signature has (they are base64, without dots), and takes it out again when it comes back.
 */
const prefix = 'sb.r1.';

/** The reasoning worth carrying: what a provider needs back (a signature or redacted data). */
export function needsCarrying(part: ReasoningPart): boolean {
  return part.signature !== undefined || (part.redacted === true && part.data !== undefined);
}

/** A `thoughtSignature` carrying these reasoning parts. */
export function carryReasoning(parts: ReasoningPart[]): string {
  const items = parts.map((part) => ({
    text: part.text,
    ...(part.signature !== undefined ? { signature: part.signature } : {}),
    ...(part.redacted ? { redacted: true, data: part.data } : {}),
    ...(part.provider !== undefined ? { provider: part.provider } : {}),
  }));
  return prefix + Buffer.from(JSON.stringify(items)).toString('base64url');
}

/** The reasoning a `thoughtSignature` carries; undefined for a signature Gemini issued. */
export function carriedReasoning(signature: string): ReasoningPart[] | undefined {
  if (!signature.startsWith(prefix)) return undefined;
  try {
    const items: unknown = JSON.parse(Buffer.from(signature.slice(prefix.length), 'base64url').toString());
    if (!Array.isArray(items)) return [];
    return items.flatMap((item: Record<string, unknown>): ReasoningPart[] => {
      if (item === null || typeof item !== 'object') return [];
      const part: ReasoningPart = { type: 'reasoning', text: typeof item.text === 'string' ? item.text : '' };
      if (typeof item.signature === 'string') part.signature = item.signature;
      if (item.redacted === true && typeof item.data === 'string') {
        part.redacted = true;
        part.data = item.data;
      }
      if (typeof item.provider === 'string') part.provider = item.provider;
      return [part];
    });
  } catch {
    // a damaged carrier: the reasoning is lost, the turn is not
    return [];
  }
}
