import type { DialectCodec } from '../dialect-codec.js';
import { encodeOpenAIChatResponse } from './encode-openai-chat-response.js';
import { encodeOpenAIError } from './encode-openai-error.js';
import { OpenAIChatStreamEncoder } from './encode-openai-chat-stream.js';
import { parseOpenAIChatRequest } from './parse-openai-chat-request.js';

/** OpenAI Chat Completions (`POST /v1/chat/completions`). */
export const openAIChatCodec: DialectCodec = {
  dialect: 'openai-chat',
  parse: parseOpenAIChatRequest,
  encodeResponse: encodeOpenAIChatResponse,
  encodeError: encodeOpenAIError,
  createStreamEncoder: (request) => new OpenAIChatStreamEncoder(request.includeUsage, request.model, request),
};
