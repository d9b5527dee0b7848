import type { ContentPart } from './types.js';

/** The joined text of a turn's text parts: what the model said, and what it refused. */
export function splitRefusal(parts: readonly ContentPart[]): { text: string; refusal: string } {
  let text = '';
  let refusal = '';
  for (const part of parts) {
    if (part.type !== 'text') continue;
    if (part.refusal) refusal += part.text;
    else text += part.text;
  }
  return { text, refusal };
}
