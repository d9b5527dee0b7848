import type { CanonicalMessage, CanonicalRequest, ContentPart } from '../../canonical/types.js';
import type { ResponseStore } from '../../store/response-store.js';
import type { DialectCodec } from '../dialect-codec.js';
import { encodeOpenAIError } from '../openai-chat/encode-openai-error.js';
import { buildResponseObject, newId, outputItems, responseStatus } from './build-response-object.js';
import type { ResponseMeta } from './build-response-object.js';
import { ResponsesStreamEncoder } from './encode-responses-stream.js';
import { parseResponsesRequest } from './parse-responses-request.js';

/** The assistant turn an output list stands for, to store with the conversation. */
function assistantTurn(output: Array<Record<string, unknown>>): CanonicalMessage {
  const content: ContentPart[] = [];
  for (const item of output) {
    if (item.type === 'message') {
      for (const part of item.content as Array<{ type: string; text?: string; refusal?: string }>) {
        if (part.type === 'refusal' && part.refusal)
          content.push({ type: 'text', text: part.refusal, refusal: true });
        else if (part.text) content.push({ type: 'text', text: part.text });
      }
    } else if (item.type === 'function_call') {
      content.push({
        type: 'tool_call',
        id: String(item.call_id),
        name: String(item.name),
        arguments: String(item.arguments),
      });
    }
  }
  return { role: 'assistant', content };
}

/**
 * OpenAI Responses (`POST /v1/responses`): what Codex CLI speaks. Response ids are the relay's
 * own; with `store` (the default) the conversation is kept so `previous_response_id` can continue
 * it on any provider.
 */
export function createResponsesCodec(store: ResponseStore): DialectCodec {
  // with the partition of the client key that asked, which the stored conversation belongs to
  const metaOf = new WeakMap<CanonicalRequest, ResponseMeta & { owner?: string }>();
  const remember = (
    request: CanonicalRequest,
    meta: ResponseMeta & { owner?: string },
    output: Array<Record<string, unknown>>,
  ) => {
    if (meta.store) store.save(meta.id, [...request.messages, assistantTurn(output)], meta.owner);
  };
  return {
    dialect: 'openai-responses',
    keepsRequests: true,
    parse(body, context) {
      // a stored response belongs to the client key that made it: another key finds nothing
      const owner = context?.partition;
      const parsed = parseResponsesRequest(body, (id) => store.load(id, owner));
      metaOf.set(parsed.request, {
        id: newId('resp'),
        createdAt: Math.floor(Date.now() / 1000),
        previousResponseId: parsed.previousResponseId,
        store: parsed.store,
        owner,
      });
      return parsed.request;
    },
    encodeResponse(response, request) {
      const meta = metaOf.get(request)!;
      const output = outputItems(response) as Array<Record<string, unknown>>;
      const { status, incomplete_details } = responseStatus(response.finishReason);
      remember(request, meta, output);
      return buildResponseObject(meta, response.model, status, output, response.usage, incomplete_details);
    },
    encodeError: encodeOpenAIError,
    createStreamEncoder(request) {
      const meta = metaOf.get(request)!;
      return new ResponsesStreamEncoder(meta, (output) => remember(request, meta, output));
    },
  };
}
