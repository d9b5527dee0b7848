import type { CanonicalResponse } from '../../canonical/types.js';
import { anthropicMessageId, encodeAnthropicUsage, toAnthropicStopReason } from './encode-anthropic-usage.js';

function parseInput(text: string): unknown {
  try {
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    // Anthropic clients need an object; a model that wrote broken JSON still gets its text seen
    return { _raw: text };
  }
}

/** Encodes a canonical response as an Anthropic `message` object. */
export function encodeAnthropicResponse(response: CanonicalResponse): Record<string, unknown> {
  const content = response.content.flatMap((part) => {
    if (part.type === 'text') return { type: 'text', text: part.text };
    if (part.type === 'tool_call')
      return { type: 'tool_use', id: part.id, name: part.name, input: parseInput(part.arguments) };
    // an OpenAI item the canonical form does not model (a web_search_call) has no Anthropic block
    if (part.type === 'native') return [];
    if (part.redacted) return { type: 'redacted_thinking', data: part.data ?? '' };
    return { type: 'thinking', thinking: part.text, signature: part.signature ?? '' };
  });
  return {
    id: anthropicMessageId(response.id),
    type: 'message',
    role: 'assistant',
    model: response.model,
    content,
    stop_reason: toAnthropicStopReason(response.finishReason),
    stop_sequence: null,
    usage: encodeAnthropicUsage(response.usage),
  };
}
