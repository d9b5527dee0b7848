import type { AgentId, Purpose } from '../config/route-condition-names.js';
import type { ClientSignals } from './identify-agent.js';

/** Above this estimated input a request is long-context (claude-code-router's default threshold). */
export const longContextTokens = 60_000;

/** Agents whose main loop and sub-agents always offer tools: their calls without tools are housekeeping. */
const toolsEveryTurn = new Set<AgentId>(['claude-code', 'codex', 'gemini-cli', 'opencode']);

/** Codex's `x-openai-subagent` kinds and turn-metadata `request_kind`s that are its own upkeep. */
const housekeeping = /compact|memory|title|summar/i;

/** What a request's purposes are read from. */
export interface PurposeInput {
  agent?: AgentId;
  signals?: ClientSignals;
  tools: boolean;
  reasoning: boolean;
  inputTokens: number;
  /** Claude Code's billing line, when the system prompt opens with one. */
  systemMark?: string;
}

function turnMetadata(text: string | undefined): { request_kind?: unknown; agent_name?: unknown } {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

/**
 * Whether a call is an agent's main loop, its housekeeping or a sub-agent, and what said so:
 * - Claude Code marks sub-agents with `x-claude-code-agent-id` and `cc_is_subagent=true` in the
 *   billing line of its system prompt, and, with its gateway hints on, every call with
 *   `x-claude-code-request-class` (main, subagent, workflow, compaction, auxiliary, side_reply);
 *   its housekeeping calls (titles, quota checks, summaries) go to its small fast model with no tools.
 * - Codex sends `x-openai-subagent` (review, compact, memory_consolidation, collab_spawn, …) and
 *   `x-codex-parent-thread-id` from a sub-agent, `x-openai-memgen-request` for memories, and
 *   `x-codex-turn-metadata` with the turn's `request_kind` and `agent_name` (`/root` for the main one).
 * - An agent whose every turn offers tools (Claude Code, Codex, Gemini CLI, opencode) and sends
 *   none is doing its own upkeep (opencode's title generator, Gemini CLI's checks).
 */
function role(input: PurposeInput): [Purpose, string] {
  const marks = input.signals?.marks ?? {};
  const requestClass = marks['x-claude-code-request-class'];
  if (requestClass === 'subagent' || requestClass === 'workflow')
    return ['subagent', `x-claude-code-request-class: ${requestClass}`];
  if (requestClass === 'auxiliary' || requestClass === 'compaction')
    return ['background', `x-claude-code-request-class: ${requestClass}`];
  if (marks['x-claude-code-agent-id']) return ['subagent', 'x-claude-code-agent-id'];
  if (input.systemMark?.includes('cc_is_subagent=true')) return ['subagent', 'cc_is_subagent=true'];
  const subagent = marks['x-openai-subagent'];
  if (subagent)
    return [housekeeping.test(subagent) ? 'background' : 'subagent', `x-openai-subagent: ${subagent}`];
  if (marks['x-openai-memgen-request'] === 'true') return ['background', 'x-openai-memgen-request'];
  if (marks['x-codex-parent-thread-id']) return ['subagent', 'x-codex-parent-thread-id'];
  const turn = turnMetadata(marks['x-codex-turn-metadata']);
  if (typeof turn.request_kind === 'string' && housekeeping.test(turn.request_kind))
    return ['background', `request_kind ${turn.request_kind}`];
  if (typeof turn.agent_name === 'string' && /^\/root\/./.test(turn.agent_name))
    return ['subagent', `agent_name ${turn.agent_name}`];
  if (input.agent && toolsEveryTurn.has(input.agent) && !input.tools)
    return ['background', `a ${input.agent} call without tools`];
  return ['main', input.agent ? `a ${input.agent} turn` : 'no agent marks'];
}

/** A request's purposes (its role first), each with what said so. */
export function classifyPurposes(input: PurposeInput): Array<{ purpose: Purpose; why: string }> {
  const [purpose, why] = role(input);
  const found = [{ purpose, why }];
  if (input.reasoning) found.push({ purpose: 'thinking', why: 'asks for reasoning' });
  if (input.inputTokens > longContextTokens)
    found.push({ purpose: 'long_context', why: `about ${input.inputTokens} input tokens` });
  return found;
}
