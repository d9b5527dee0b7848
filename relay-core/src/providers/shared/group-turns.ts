import type { CanonicalRequest, ContentPart } from '../../canonical/types.js';

export interface Turn<Block> {
  role: 'user' | 'assistant';
  content: Block[];
}

/**
 * Converts every content part and groups the result the way Anthropic, Bedrock and Gemini want
 * it: system prompts lifted out, tool results sent as user turns, and consecutive turns of the
 * same role merged (these APIs require user and assistant turns to alternate).
 */
export function groupTurns<Block>(
  request: CanonicalRequest,
  convertPart: (part: ContentPart, param: string) => Block[],
): { system: Block[]; turns: Array<Turn<Block>> } {
  const system: Block[] = [];
  const turns: Array<Turn<Block>> = [];
  request.messages.forEach((message, i) => {
    const blocks = message.content.flatMap((part, j) => convertPart(part, `messages[${i}].content[${j}]`));
    // a message of nothing this provider reads (an OpenAI web_search_call, another provider's
    // reasoning) leaves no turn: these APIs refuse an empty one
    if (blocks.length === 0) return;
    if (message.role === 'system') {
      system.push(...blocks);
      return;
    }
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const last = turns.at(-1);
    if (last && last.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  });
  return { system, turns };
}
