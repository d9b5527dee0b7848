/** How to tell a provider's blocks apart (Anthropic's `type`, Bedrock's keys). */
export interface BlockKinds {
  isToolCall(block: unknown): boolean;
  isToolResult(block: unknown): boolean;
  isThinking(block: unknown): boolean;
}

type Turn = { role?: unknown; content?: unknown };

const blocksOf = (turn: Turn | undefined): unknown[] => (Array.isArray(turn?.content) ? turn.content : []);

/**
 * Whether a conversation is in a tool loop (it ends with tool results) whose assistant turn, the
 * one that made the calls, does not start with a thinking block. Claude refuses such a request while
 * thinking is on ("Expected `thinking` or `redacted_thinking`, but found `tool_use`"), on Anthropic
 * and on Bedrock alike: the relay turns thinking off for it rather than send it.
 */
export function toolLoopLacksThinking(turns: readonly Turn[], kinds: BlockKinds): boolean {
  const last = turns.at(-1);
  if (last?.role !== 'user' || !blocksOf(last).some((block) => kinds.isToolResult(block))) return false;
  const calls = blocksOf(turns.findLast((turn) => turn?.role === 'assistant'));
  return calls.some((block) => kinds.isToolCall(block)) && !kinds.isThinking(calls[0]);
}
