import { clientBodyOf } from '../../canonical/client-body.js';
import { mayCarryToolCallSignatures } from '../../canonical/tool-call-id.js';
import type { CanonicalRequest } from '../../canonical/types.js';
import { replaceModel } from '../shared/replace-model.js';
import type { OpenAIRequestOptions } from './convert-to-openai-request.js';

const streamOptions = Buffer.from('"stream_options"');
const limitFields = {
  max_tokens: Buffer.from('"max_completion_tokens"'),
  max_completion_tokens: Buffer.from('"max_tokens"'),
};

/**
 * Whether converting the request would say something else than the client's body: what the
 * converter adds, renames or leaves out for this upstream. A byte search may see a field name
 * inside a message: then the request is converted, which is always correct.
 */
function needsConverting(request: CanonicalRequest, bytes: Buffer, options: OpenAIRequestOptions): boolean {
  // the relay asks for usage in every stream, to price it; outside a stream OpenAI refuses the option
  if (request.stream ? !request.includeUsage : bytes.includes(streamOptions)) return true;
  // the upstream's own name for the output limit
  if (bytes.includes(limitFields[options.maxTokensField])) return true;
  // tool-call ids that carried a signature were restored in the request, not in these bytes
  if (mayCarryToolCallSignatures(bytes)) return true;
  for (const message of request.messages) {
    // OpenAI-family servers reject or ignore reasoning sent back: the converter leaves it out
    if (message.content.some((part) => part.type === 'reasoning')) return true;
    const own = message.chatMessage;
    // servers other than OpenAI's are sent `system` for `developer`, and text parts as one string;
    // an earlier answer's parts go back as text and `refusal`
    if (Array.isArray(own?.content) && (own.role === 'assistant' || !options.openAIService)) return true;
    if (!options.openAIService && own?.role === 'developer') return true;
  }
  return false;
}

/**
 * What an OpenAI-compatible upstream is sent for an OpenAI Chat client's request that needs no
 * converting: the client's own bytes with only the model (and a fitted output limit) written in,
 * so every field the relay does not model arrives as the client wrote it and nothing is encoded a
 * second time. Undefined for any other request, which is converted.
 */
export function openAIClientBody(
  request: CanonicalRequest,
  model: string,
  options: OpenAIRequestOptions,
): Buffer | undefined {
  const bytes = clientBodyOf(request, 'openai-chat')?.bytes;
  if (!bytes || needsConverting(request, bytes, options)) return undefined;
  return replaceModel(bytes, model, request.maxOutputTokens, options.maxTokensField);
}
