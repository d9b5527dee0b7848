/** One piece of an OpenAI-family message's content, in order. */
export interface ContentPiece {
  kind: 'text' | 'reasoning';
  text: string;
}

interface ContentBlockWire {
  type?: string;
  text?: string;
  thinking?: Array<{ type?: string; text?: string }> | string;
}

/**
 * Reads `content` as a string (the usual case) or as an array of blocks: Mistral's reasoning
 * models (magistral) send `[{type:"thinking", thinking:[{type:"text",text}]}, {type:"text",text}]`
 * in both streamed deltas and whole messages.
 */
export function readOpenAIContent(content: unknown): ContentPiece[] {
  if (typeof content === 'string') return content.length > 0 ? [{ kind: 'text', text: content }] : [];
  if (!Array.isArray(content)) return [];
  const pieces: ContentPiece[] = [];
  for (const block of content as ContentBlockWire[]) {
    if (block?.type === 'text' && typeof block.text === 'string' && block.text.length > 0) {
      pieces.push({ kind: 'text', text: block.text });
    } else if (block?.type === 'thinking') {
      const text =
        typeof block.thinking === 'string'
          ? block.thinking
          : (block.thinking ?? [])
              .map((inner) => (typeof inner?.text === 'string' ? inner.text : ''))
              .join('');
      if (text.length > 0) pieces.push({ kind: 'reasoning', text });
    }
  }
  return pieces;
}
