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

/** Gemini's own finish reasons (the API's `FinishReason` enum): kept as they came from a Gemini upstream. */
const geminiReasons = new Set([
  'STOP',
  'MAX_TOKENS',
  'SAFETY',
  'RECITATION',
  'LANGUAGE',
  'OTHER',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'MALFORMED_FUNCTION_CALL',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
  'IMAGE_OTHER',
  'NO_IMAGE',
  'UNEXPECTED_TOOL_CALL',
  'TOO_MANY_TOOL_CALLS',
  'MISSING_THOUGHT_SIGNATURE',
  'MALFORMED_RESPONSE',
]);

/**
 * Canonical → Gemini `finishReason`, the inverse of `mapGeminiFinishReason`. A Gemini upstream's
 * own reason (`raw`) is kept, so RECITATION stays RECITATION and MALFORMED_FUNCTION_CALL stays
 * itself; Gemini ends a turn of function calls with STOP.
 */
export function toGeminiFinishReason(reason: FinishReason, raw?: string): string {
  if (raw !== undefined && geminiReasons.has(raw)) return raw;
  switch (reason) {
    case 'stop':
    case 'tool_calls':
      return 'STOP';
    case 'length':
      return 'MAX_TOKENS';
    case 'content_filter':
      return 'SAFETY';
    default:
      return 'OTHER';
  }
}
