import { randomBytes } from 'node:crypto';
import { unwrapCustomInput } from '../../canonical/custom-tool-input.js';
import type { CanonicalRequest, CanonicalTool, ReasoningPart, TokenLogprob } from '../../canonical/types.js';
import { reasoningEnvelope } from './reasoning-envelope.js';

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('hex')}`;
}

/** The request's tools by canonical name: how a call is answered depends on the tool called. */
export type ToolTable = ReadonlyMap<string, CanonicalTool>;

export function toolTable(request: CanonicalRequest): ToolTable {
  return new Map((request.tools ?? []).map((tool) => [tool.name, tool]));
}

/** A tool call as a Responses client asked for it: namespaced, custom or a plain function call. */
export function toolCallItem(
  call: { id: string; name: string; arguments: string },
  tool: CanonicalTool | undefined,
  itemId: string | undefined,
  status: 'in_progress' | 'completed',
): Record<string, unknown> {
  const name = tool?.namespace?.member ?? call.name;
  const namespace = tool?.namespace ? { namespace: tool.namespace.name } : {};
  if (tool?.kind === 'custom') {
    const input = status === 'completed' ? unwrapCustomInput(call.arguments) : '';
    return {
      id: itemId ?? newId('ctc'),
      type: 'custom_tool_call',
      status,
      call_id: call.id,
      name,
      ...namespace,
      input,
    };
  }
  return {
    id: itemId ?? newId('fc'),
    type: 'function_call',
    status,
    arguments: status === 'completed' ? call.arguments : '',
    call_id: call.id,
    name,
    ...namespace,
  };
}

/**
 * A reasoning item: its text as a summary, and what its provider needs back on the next turn (a
 * signature) carried in `encrypted_content` (reasoning-envelope.ts).
 */
export function reasoningItem(
  part: Pick<ReasoningPart, 'text' | 'signature' | 'redacted' | 'data' | 'provider'>,
  itemId: string | undefined,
): Record<string, unknown> {
  const carried = reasoningEnvelope({ type: 'reasoning', ...part });
  return {
    id: itemId ?? newId('rs'),
    type: 'reasoning',
    summary: part.text && !part.redacted ? [{ type: 'summary_text', text: part.text }] : [],
    ...(carried ? { encrypted_content: carried } : {}),
  };
}

/** An output text part (empty while it streams). */
export function outputText(text: string, logprobs: TokenLogprob[]): Record<string, unknown> {
  return { type: 'output_text', text, annotations: [], logprobs };
}
