import type { FinishReason } from '../../canonical/types.js';

/** Canonical finish reason → the value OpenAI clients expect in `finish_reason`. */
export function toOpenAIFinishReason(
  reason: FinishReason,
): 'stop' | 'length' | 'tool_calls' | 'content_filter' {
  switch (reason) {
    case 'length':
      return 'length';
    case 'tool_calls':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    default:
      return 'stop';
  }
}
