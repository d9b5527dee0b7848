import type { GeminiUsageWire } from './gemini-usage.js';

/** One part of a Gemini answer: text (a thought when `thought`), or a whole function call. */
export interface GeminiPartWire {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  functionCall?: { id?: string; name?: string; args?: unknown };
}

/** A `generateContent` answer, or one chunk of a streamed one (the same shape). */
export interface GeminiChunkWire {
  candidates?: Array<{
    content?: { role?: string; parts?: GeminiPartWire[] };
    finishReason?: string;
    index?: number;
  }>;
  promptFeedback?: { blockReason?: string };
  usageMetadata?: GeminiUsageWire;
  modelVersion?: string;
  responseId?: string;
}
