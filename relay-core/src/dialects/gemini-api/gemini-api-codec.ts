import type { DialectCodec } from '../dialect-codec.js';
import { encodeGeminiError } from './encode-gemini-error.js';
import { encodeGeminiResponse } from './encode-gemini-response.js';
import { GeminiStreamEncoder } from './encode-gemini-stream.js';
import { parseGeminiRequest } from './parse-gemini-request.js';
import type { GeminiCall } from './parse-gemini-request.js';

/**
 * Gemini's REST API (`models/{model}:generateContent`, `:streamGenerateContent`): what Gemini CLI
 * and the `@google/genai` SDK speak. The model and the kind of answer are in the path, so a codec
 * serves one request: `sse` is `alt=sse` (else the stream is one growing JSON array).
 */
export function createGeminiApiCodec(call: GeminiCall & { sse: boolean }): DialectCodec {
  let includeThoughts = false;
  return {
    dialect: 'gemini-api',
    parse(body) {
      const parsed = parseGeminiRequest(body, call);
      includeThoughts = parsed.includeThoughts;
      return parsed.request;
    },
    encodeResponse: (response, request) => encodeGeminiResponse(response, request, includeThoughts),
    encodeError: encodeGeminiError,
    createStreamEncoder: (request) => new GeminiStreamEncoder(request, { sse: call.sse, includeThoughts }),
    signaturesInParts: true,
  };
}
