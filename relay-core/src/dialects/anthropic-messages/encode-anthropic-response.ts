import { markSignature } from '../../canonical/reasoning-signature.js';
import type { CanonicalRequest, CanonicalResponse } from '../../canonical/types.js';
import { anthropicMessageId, encodeAnthropicUsage, toAnthropicStopReason } from './encode-anthropic-usage.js';

function parseInput(text: string): unknown {
  try {
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    // Anthropic clients need an object; a model that wrote broken JSON still gets its text seen
    return { _raw: text };
  }
}

/**
 * Encodes a canonical response as an Anthropic `message` object. Its `model` is the name the client
 * asked for (Claude Code keeps an earlier turn's thinking only when it matches the model it asks
 * for); `x-relay-model` says which model answered.
 */
export function encodeAnthropicResponse(
  response: CanonicalResponse,
  request?: CanonicalRequest,
): Record<string, unknown> {
  const content = response.content.flatMap((part) => {
    if (part.type === 'text') return { type: 'text', text: part.text };
    if (part.type === 'tool_call')
      return { type: 'tool_use', id: part.id, name: part.name, input: parseInput(part.arguments) };
    // an OpenAI item the canonical form does not model (a web_search_call) has no Anthropic block
    if (part.type === 'native') return [];
    // a signature another provider issued is marked with it (canonical/reasoning-signature.ts)
    if (part.redacted)
      return { type: 'redacted_thinking', data: markSignature(part.data ?? '', part.provider) };
    const signature = part.signature ? markSignature(part.signature, part.provider) : '';
    return { type: 'thinking', thinking: part.text, signature };
  });
  return {
    id: anthropicMessageId(response.id),
    type: 'message',
    role: 'assistant',
    model: request?.model || response.model,
    content,
    stop_reason: toAnthropicStopReason(response.finishReason),
    stop_sequence: null,
    usage: encodeAnthropicUsage(response.usage),
  };
}
