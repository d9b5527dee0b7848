import type { CanonicalMessage, CanonicalRequest, ContentPart } from '../../canonical/types.js';

export interface Turn<Block> {
  role: 'user' | 'assistant';
  content: Block[];
}

/**
 * A system message in the middle of a conversation, for an API whose only system prompt is the one
 * before it: its text at that place in a user turn, marked as a system note (the form Claude Code
 * itself falls back to where such messages are refused).
 */
export function systemNote(message: CanonicalMessage): string {
  const text = message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
  return `<system-reminder>\n${text}\n</system-reminder>`;
}

/**
 * Converts every content part and groups the result the way Anthropic, Bedrock and Gemini want
 * it: the system prompt (the system messages before the conversation starts) lifted out, a later
 * system message kept at its place as a system note in a user turn (`textBlock` makes the API's
 * text block), tool results sent as user turns, and consecutive turns of the same role merged
 * (these APIs require user and assistant turns to alternate).
 */
export function groupTurns<Block>(
  request: CanonicalRequest,
  convertPart: (part: ContentPart, param: string) => Block[],
  textBlock: (text: string) => Block,
): { system: Block[]; turns: Array<Turn<Block>> } {
  const system: Block[] = [];
  const turns: Array<Turn<Block>> = [];
  request.messages.forEach((message, i) => {
    if (message.role === 'system' && turns.length === 0) {
      message.content.forEach((part, j) => system.push(...convertPart(part, `messages[${i}].content[${j}]`)));
      return;
    }
    const blocks =
      message.role === 'system'
        ? [textBlock(systemNote(message))]
        : message.content.flatMap((part, j) => convertPart(part, `messages[${i}].content[${j}]`));
    // a message of nothing this provider reads (an OpenAI web_search_call, another provider's
    // reasoning) leaves no turn: these APIs refuse an empty one
    if (blocks.length === 0) return;
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const last = turns.at(-1);
    if (last && last.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  });
  return { system, turns };
}
