import type { FinishReason, Usage } from '../../canonical/types.js';

/** Canonical usage → Anthropic's, where input_tokens excludes cache reads and writes. */
export function encodeAnthropicUsage(usage: Usage | undefined): Record<string, number> {
  if (!usage) return { input_tokens: 0, output_tokens: 0 };
  return {
    input_tokens: Math.max(0, usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens),
    output_tokens: usage.outputTokens,
    cache_read_input_tokens: usage.cacheReadTokens,
    cache_creation_input_tokens: usage.cacheWriteTokens,
  };
}

/** Canonical finish reason → Anthropic `stop_reason`. */
export function toAnthropicStopReason(reason: FinishReason): string {
  switch (reason) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}

/** Anthropic message ids look like `msg_…`; upstream ids from other providers are wrapped. */
export function anthropicMessageId(id: string): string {
  return id.startsWith('msg_') ? id : `msg_${id.replace(/[^A-Za-z0-9_-]/g, '') || 'relay'}`;
}
