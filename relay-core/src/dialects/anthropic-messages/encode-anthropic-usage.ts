import type { FinishReason, Usage } from '../../canonical/types.js';
import { uncachedInputTokens } from '../../canonical/usage-counts.js';

/**
 * Canonical usage → Anthropic's, where input_tokens excludes cache reads and writes. Anthropic
 * types the cache figures and the details as nullable: a figure the relay does not know is null
 * there, never a 0. The cache writes are split by how long they are kept only when the
 * upstream said so.
 */
export function encodeAnthropicUsage(usage: Usage | undefined): Record<string, unknown> {
  if (!usage) return { input_tokens: 0, output_tokens: 0 };
  const write = usage.cacheWriteTokens;
  const hour = usage.cacheWrite1hTokens;
  return {
    input_tokens: uncachedInputTokens(usage),
    cache_creation_input_tokens: write ?? null,
    cache_read_input_tokens: usage.cacheReadTokens ?? null,
    cache_creation:
      write === undefined || hour === undefined
        ? null
        : { ephemeral_5m_input_tokens: Math.max(0, write - hour), ephemeral_1h_input_tokens: hour },
    output_tokens: usage.outputTokens,
    output_tokens_details:
      usage.reasoningTokens === undefined ? null : { thinking_tokens: usage.reasoningTokens },
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
