import type { CanonicalMessage, CanonicalRequest } from '../../canonical/types.js';
import type { ResponseStore } from '../../store/response-store.js';
import type { DialectCodec } from '../dialect-codec.js';
import { encodeOpenAIError } from '../openai-chat/encode-openai-error.js';
import { buildResponseObject, outputItems, responseStatus } from './build-response-object.js';
import type { ResponseMeta } from './build-response-object.js';
import { newId, toolTable } from './build-output-item.js';
import { ResponsesStreamEncoder } from './encode-responses-stream.js';
import { parseResponsesRequest } from './parse-responses-request.js';
import { readResponsesItems } from './read-responses-items.js';
import { toolNamed } from '../../canonical/flat-tool-name.js';

/** The assistant turn an output list stands for, read as a client's next input would be. */
function assistantTurn(
  request: CanonicalRequest,
  output: Array<Record<string, unknown>>,
): CanonicalMessage[] {
  const turn: CanonicalMessage[] = [];
  const tools = request.tools ?? [];
  const toolName = (name: string, namespace?: string | null) => toolNamed(tools, name, namespace);
  for (const item of output) {
    try {
      readResponsesItems([item], turn, toolName, () => 'output');
    } catch {
      // an item as an upstream sent it, which no client could (a call without an id): kept whole,
      // for a Responses upstream
      const value = {
        type: 'native' as const,
        dialect: 'openai-responses' as const,
        item: true,
        value: item,
      };
      turn.push({ role: 'assistant', content: [value] });
    }
  }
  return turn;
}

/**
 * OpenAI Responses (`POST /v1/responses`): what Codex CLI speaks. Response ids are the relay's
 * own; with `store` (the default) the conversation is kept so `previous_response_id` can continue
 * it on any provider.
 */
export function createResponsesCodec(store: ResponseStore): DialectCodec {
  // with the partition of the client key that asked, which the stored conversation belongs to
  const metaOf = new WeakMap<CanonicalRequest, ResponseMeta & { owner?: string }>();
  /** Requests whose first message is their `instructions`: not kept, as OpenAI does not carry them over. */
  const instructed = new WeakSet<CanonicalRequest>();
  const remember = (
    request: CanonicalRequest,
    meta: ResponseMeta & { owner?: string },
    output: Array<Record<string, unknown>>,
  ) => {
    if (!meta.store) return;
    const input = instructed.has(request) ? request.messages.slice(1) : request.messages;
    store.save(meta.id, [...input, ...assistantTurn(request, output)], meta.owner);
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
        model: parsed.request.model,
        createdAt: Math.floor(Date.now() / 1000),
        previousResponseId: parsed.previousResponseId,
        store: parsed.store,
        owner,
      });
      if (parsed.instructions) instructed.add(parsed.request);
      return parsed.request;
    },
    encodeResponse(response, request) {
      const meta = metaOf.get(request)!;
      const output = outputItems(response, toolTable(request));
      const { status, incomplete_details } = responseStatus(response.finishReason);
      remember(request, meta, output);
      return buildResponseObject(meta, response.model, status, output, response.usage, incomplete_details);
    },
    encodeError: encodeOpenAIError,
    createStreamEncoder(request) {
      const meta = metaOf.get(request)!;
      return new ResponsesStreamEncoder(
        meta,
        (output) => remember(request, meta, output),
        toolTable(request),
      );
    },
  };
}
