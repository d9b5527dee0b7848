import { RelayError } from '../../canonical/errors.js';
import { parseUpstreamJson } from '../shared/parse-upstream-json.js';
import type { CanonicalResponse } from '../../canonical/types.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';
import type { AnthropicUsageWire } from './convert-anthropic-usage.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';

interface MessageWire {
  id?: string;
  model?: string;
  content?: Array<{
    type?: string;
    text?: string;
    thinking?: string;
    signature?: string;
    data?: string;
    id?: string;
    name?: string;
    input?: unknown;
  }>;
  stop_reason?: string | null;
  usage?: AnthropicUsageWire;
}

/** Converts a non-streaming Anthropic message; tool input is re-serialised as the arguments text. */
export function convertAnthropicResponse(text: string, provider: string): CanonicalResponse {
  const wire = parseUpstreamJson<MessageWire>(text, provider, 'body');
  if (!Array.isArray(wire?.content)) {
    throw new RelayError('UPSTREAM_PROTOCOL_ERROR', `${provider}: upstream message has no content`, {
      provider,
    });
  }
  const content: CanonicalResponse['content'] = [];
  for (const block of wire.content) {
    if (block.type === 'text' && block.text) content.push({ type: 'text', text: block.text });
    // Anthropic's own signatures are valid at any Anthropic upstream: they name no provider
    else if (block.type === 'thinking')
      content.push({ type: 'reasoning', text: block.thinking ?? '', signature: block.signature });
    else if (block.type === 'redacted_thinking')
      content.push({ type: 'reasoning', text: '', redacted: true, data: block.data });
    else if (block.type === 'tool_use') {
      content.push({
        type: 'tool_call',
        id: block.id ?? '',
        name: block.name ?? '',
        arguments: JSON.stringify(block.input ?? {}),
      });
    }
  }
  return {
    id: wire.id ?? '',
    model: wire.model ?? '',
    created: Math.floor(Date.now() / 1000),
    content,
    finishReason: mapAnthropicFinishReason(wire.stop_reason),
    rawFinishReason: wire.stop_reason ?? undefined,
    // no usage at all is left to the relay's count, not read as zeros
    ...(wire.usage ? { usage: convertAnthropicUsage(wire.usage) } : {}),
  };
}
