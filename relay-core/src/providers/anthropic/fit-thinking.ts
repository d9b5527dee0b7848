import { isPlainObject } from '../../shared/is-plain-object.js';

type Block = { type?: unknown };
type Message = { role?: unknown; content?: unknown };

const isThinking = (block: Block | undefined) =>
  block?.type === 'thinking' || block?.type === 'redacted_thinking';

/**
 * Whether an Anthropic Messages body asks for thinking in the middle of a tool loop whose assistant
 * turn does not start with a thinking block. Anthropic refuses that ("Expected `thinking` or
 * `redacted_thinking`, but found `tool_use`"): the turn that made the last tool calls must start
 * with its thinking when thinking is on.
 */
function thinkingWouldBeRefused(body: Record<string, unknown>): boolean {
  const thinking = body.thinking;
  if (!isPlainObject(thinking) || thinking.type === 'disabled') return false;
  const messages = Array.isArray(body.messages) ? (body.messages as Message[]) : [];
  const last = messages.at(-1);
  const answered =
    Array.isArray(last?.content) && (last.content as Block[]).some((b) => b?.type === 'tool_result');
  if (last?.role !== 'user' || !answered) return false;
  const turn = messages.findLast((message) => message?.role === 'assistant');
  const blocks = Array.isArray(turn?.content) ? (turn.content as Block[]) : [];
  return blocks.some((block) => block?.type === 'tool_use') && !isThinking(blocks[0]);
}

/**
 * Turns thinking off, in place, for a body whose tool loop lost its thinking block (the relay left
 * out reasoning another provider wrote, which Anthropic cannot verify): the answer comes without
 * thinking rather than not at all. Context editing that clears thinking goes with it.
 */
export function fitThinking(body: Record<string, unknown>): void {
  if (!thinkingWouldBeRefused(body)) return;
  delete body.thinking;
  const management = body.context_management;
  if (!isPlainObject(management) || !Array.isArray(management.edits)) return;
  const edits = (management.edits as Block[]).filter(
    (edit) => typeof edit?.type !== 'string' || !edit.type.startsWith('clear_thinking_'),
  );
  if (edits.length > 0) body.context_management = { ...management, edits };
  else delete body.context_management;
}
