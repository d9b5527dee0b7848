import { isPlainObject } from '../../shared/is-plain-object.js';
import { toolLoopLacksThinking } from '../shared/tool-loop-thinking.js';

const typeOf = (block: unknown) => (isPlainObject(block) ? block.type : undefined);

/** Anthropic's blocks, told apart by their `type`. */
const anthropicBlocks = {
  isToolCall: (block: unknown) => typeOf(block) === 'tool_use',
  isToolResult: (block: unknown) => typeOf(block) === 'tool_result',
  isThinking: (block: unknown) => typeOf(block) === 'thinking' || typeOf(block) === 'redacted_thinking',
};

/**
 * Turns thinking off, in place, for an Anthropic Messages body whose tool loop lost its thinking
 * block (the relay left out reasoning another provider wrote, which Anthropic cannot verify): the
 * answer comes without thinking rather than not at all. Context editing that clears thinking goes
 * with it.
 */
export function fitThinking(body: Record<string, unknown>): void {
  const thinking = body.thinking;
  if (!isPlainObject(thinking) || thinking.type === 'disabled') return;
  const messages = Array.isArray(body.messages) ? body.messages : [];
  if (!toolLoopLacksThinking(messages, anthropicBlocks)) return;
  delete body.thinking;
  const management = body.context_management;
  if (!isPlainObject(management) || !Array.isArray(management.edits)) return;
  const edits = management.edits.filter((edit) => {
    const type = typeOf(edit);
    return typeof type !== 'string' || !type.startsWith('clear_thinking_');
  });
  if (edits.length > 0) body.context_management = { ...management, edits };
  else delete body.context_management;
}
