import type { ReasoningPart } from '../../canonical/types.js';

/**
 * Reasoning another provider needs back on the next turn (Anthropic's signed thinking, a redacted
 * block) rides to a Responses client in the reasoning item's `encrypted_content`, which clients keep
 * and send back unchanged, as they do OpenAI's own. The relay's own is marked as such; OpenAI's is
 * passed as OpenAI wrote it, so it still reads at OpenAI.
 */
const mark = 'switchboard.reasoning.v1:';

interface Envelope {
  text?: string;
  signature?: string;
  redacted?: string;
  provider?: string;
}

/** The `encrypted_content` for a reasoning part that must go back to its provider; undefined when none must. */
export function reasoningEnvelope(part: ReasoningPart): string | undefined {
  const envelope: Envelope | undefined = part.redacted
    ? part.data
      ? { redacted: part.data }
      : undefined
    : part.signature
      ? { text: part.text, signature: part.signature }
      : undefined;
  if (!envelope) return undefined;
  if (part.provider) envelope.provider = part.provider;
  return mark + Buffer.from(JSON.stringify(envelope)).toString('base64url');
}

/** The reasoning part an `encrypted_content` of the relay's own stands for; undefined for any other. */
export function readReasoningEnvelope(content: string): ReasoningPart | undefined {
  if (!content.startsWith(mark)) return undefined;
  try {
    const envelope = JSON.parse(
      Buffer.from(content.slice(mark.length), 'base64url').toString('utf8'),
    ) as Envelope;
    const provider = typeof envelope.provider === 'string' ? { provider: envelope.provider } : {};
    if (typeof envelope.redacted === 'string')
      return { type: 'reasoning', text: '', redacted: true, data: envelope.redacted, ...provider };
    if (typeof envelope.signature === 'string')
      return {
        type: 'reasoning',
        text: typeof envelope.text === 'string' ? envelope.text : '',
        signature: envelope.signature,
        ...provider,
      };
  } catch {
    // not one the relay wrote after all: read as OpenAI's
  }
  return undefined;
}
