import type { DialectCodec } from '../dialect-codec.js';
import { encodeAnthropicError } from './encode-anthropic-error.js';
import { encodeAnthropicResponse } from './encode-anthropic-response.js';
import { AnthropicStreamEncoder } from './encode-anthropic-stream.js';
import { parseAnthropicRequest } from './parse-anthropic-request.js';

/** Anthropic Messages (`POST /v1/messages`): what Claude Code speaks. */
export const anthropicMessagesCodec: DialectCodec = {
  dialect: 'anthropic-messages',
  parse: (body) => parseAnthropicRequest(body),
  encodeResponse: encodeAnthropicResponse,
  encodeError: encodeAnthropicError,
  createStreamEncoder: (request) => new AnthropicStreamEncoder(request),
};
