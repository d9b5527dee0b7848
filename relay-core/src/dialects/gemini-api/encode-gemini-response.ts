import type { CanonicalRequest, CanonicalResponse, Usage } from '../../canonical/types.js';
import { toGeminiFinishReason } from '../../shared/gemini/gemini-finish-reason.js';
import type { GeminiChunkWire, GeminiPartWire } from '../../shared/gemini/gemini-response-wire.js';
import { encodeGeminiUsage } from '../../shared/gemini/gemini-usage.js';
import { functionCallPart, ReasoningCarrier } from './gemini-answer-parts.js';

/** One `GenerateContentResponse`: a chunk of a stream, or a whole answer. */
export function geminiChunk(
  parts: GeminiPartWire[],
  request: CanonicalRequest,
  id: string,
  end?: { finishReason: string; usage?: Usage },
): GeminiChunkWire {
  return {
    candidates: [
      {
        content: { role: 'model', parts },
        ...(end ? { finishReason: end.finishReason } : {}),
        index: 0,
      },
    ],
    ...(end?.usage ? { usageMetadata: encodeGeminiUsage(end.usage) } : {}),
    // the name the client asked for: the x-relay-model header says what served it
    modelVersion: request.model,
    ...(id ? { responseId: id } : {}),
  };
}

/**
 * Encodes a canonical answer as Gemini's `GenerateContentResponse`: one candidate whose parts are
 * its thoughts (when the client asked to see them), text and whole function calls.
 */
export function encodeGeminiResponse(
  response: CanonicalResponse,
  request: CanonicalRequest,
  includeThoughts: boolean,
): GeminiChunkWire {
  const parts: GeminiPartWire[] = [];
  const carrier = new ReasoningCarrier();
  for (const part of response.content) {
    if (part.type === 'reasoning') {
      if (includeThoughts && part.text) parts.push({ text: part.text, thought: true });
      carrier.add(part);
    } else if (part.type === 'text') parts.push({ text: part.text, ...carrier.take() });
    // an OpenAI item the canonical form does not model (a web_search_call) has no Gemini part
    else if (part.type === 'tool_call') parts.push(functionCallPart(part, carrier.take()));
  }
  parts.push(...carrier.rest());
  return geminiChunk(parts, request, response.id, {
    finishReason: toGeminiFinishReason(response.finishReason, response.rawFinishReason),
    usage: response.usage,
  });
}
