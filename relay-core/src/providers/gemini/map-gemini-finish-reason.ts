import type { FinishReason } from '../../canonical/types.js';

/** Gemini `finishReason` → canonical. A STOP after function calls means the model wants tools run. */
export function mapGeminiFinishReason(reason: string | undefined, sawToolCall: boolean): FinishReason {
  switch (reason) {
    case 'STOP':
      return sawToolCall ? 'tool_calls' : 'stop';
    case 'MAX_TOKENS':
      return 'length';
    case 'SAFETY':
    case 'RECITATION':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
    case 'IMAGE_SAFETY':
      return 'content_filter';
    case 'MALFORMED_FUNCTION_CALL':
      return 'error';
    default:
      return 'other';
  }
}
