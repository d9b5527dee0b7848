import { decodeToolCallId, mayCarryToolCallSignatures } from '../../canonical/tool-call-id.js';
import type { CanonicalRequest } from '../../canonical/types.js';
import { isForeignSignature } from '../../canonical/reasoning-signature.js';
import { isPlainObject } from '../../shared/is-plain-object.js';
import { replaceModel } from '../shared/replace-model.js';
import { fitThinking } from './fit-thinking.js';

type Block = Record<string, unknown>;

/**
 * Reasoning an Anthropic upstream cannot take back: signed by another provider, or not signed at
 * all (a provider that signs nothing). Anthropic refuses a signature it did not issue.
 */
function isForeignReasoning(request: CanonicalRequest): boolean {
  return request.messages.some((message) =>
    message.content.some(
      (part) =>
        part.type === 'reasoning' &&
        (part.provider !== undefined || (part.redacted ? !part.data : !part.signature)),
    ),
  );
}

/** The client's block as Anthropic is sent it: its tool ids restored, or undefined to leave it out. */
function patchBlock(block: unknown): unknown {
  if (!isPlainObject(block)) return block;
  switch (block.type) {
    case 'tool_use':
      return typeof block.id === 'string' ? { ...block, id: decodeToolCallId(block.id).id } : block;
    case 'tool_result':
      return typeof block.tool_use_id === 'string'
        ? { ...block, tool_use_id: decodeToolCallId(block.tool_use_id).id }
        : block;
    case 'thinking':
      return isForeignSignature(block.signature) ? undefined : block;
    case 'redacted_thinking':
      return isForeignSignature(block.data) ? undefined : block;
    default:
      return block;
  }
}

/**
 * The client's body with what the relay changed in its request made there too: the model, tool ids
 * that carried another provider's signature, thinking another provider wrote left out (and thinking
 * turned off when a tool loop lost its thinking block that way). Everything else as it came.
 */
function patchClientBody(
  body: Record<string, unknown>,
  model: string,
  maxTokens: number | undefined,
): Record<string, unknown> {
  let leftOut = false;
  const messages = Array.isArray(body.messages)
    ? body.messages.map((message: unknown) => {
        if (!isPlainObject(message) || !Array.isArray(message.content)) return message;
        const content = message.content.map(patchBlock).filter((block) => block !== undefined);
        leftOut ||= content.length < message.content.length;
        return { ...message, content };
      })
    : body.messages;
  const patched: Block = { ...body, model, messages };
  if (maxTokens !== undefined) patched.max_tokens = maxTokens;
  if (leftOut) fitThinking(patched);
  return patched;
}

/**
 * What an Anthropic upstream is sent for an Anthropic client's request: the client's own bytes with
 * only the model (and the fitted output limit) replaced, or, when the relay had to change more, the client's body patched to
 * match. Either way every field, block and tool the relay does not model reaches Anthropic.
 */
export function encodeClientBody(
  request: CanonicalRequest,
  bytes: Buffer,
  model: string,
  /** The output limit the request was fitted to (pipeline/fit-request.ts); absent for a count. */
  maxTokens?: number,
): Buffer | string {
  if (!mayCarryToolCallSignatures(bytes) && !isForeignReasoning(request)) {
    const replaced = replaceModel(bytes, model, maxTokens);
    if (replaced) return replaced;
  }
  const body = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  return JSON.stringify(patchClientBody(body, model, maxTokens));
}
