import { RelayError } from '../../canonical/errors.js';
import { effortsAboveMax, reasoningEfforts } from '../../canonical/types.js';
import type { CanonicalMessage, CanonicalRequest, ReasoningEffort } from '../../canonical/types.js';
import { UnsupportedError } from '../../providers/shared/reject-unsupported.js';
import { parseAt } from '../openai-chat/openai-request-error.js';
import { readResponsesItems } from './read-responses-items.js';
import { toolNamed } from '../../canonical/flat-tool-name.js';
import { readResponsesToolChoice, readResponsesTools } from './read-responses-tools.js';
import { rebuiltFields, responsesRequestSchema, textFormats } from './responses-schema.js';
import type { ResponsesRequestWire } from './responses-schema.js';

/** The `include` entry that asks for the output text's token log probabilities. */
const outputLogprobs = 'message.output_text.logprobs';

/** The canonical effort; one the relay does not know still reaches a Responses upstream as sent. */
function effortOf(effort: string | null | undefined): ReasoningEffort | undefined {
  if (!effort) return undefined;
  if (reasoningEfforts.includes(effort)) return effort as ReasoningEffort;
  return effortsAboveMax.includes(effort) ? 'max' : undefined;
}

function readFormat(wire: ResponsesRequestWire): CanonicalRequest['responseFormat'] {
  const format = wire.text?.format;
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') return { type: 'json_object' };
  if (format.type !== 'json_schema') return undefined;
  const schema = parseAt(textFormats.json_schema, format, 'text.format');
  return {
    type: 'json_schema',
    name: schema.name,
    schema: schema.schema,
    ...(schema.strict != null ? { strict: schema.strict } : {}),
    ...(schema.description ? { description: schema.description } : {}),
  };
}

export interface ParsedResponsesRequest {
  request: CanonicalRequest;
  previousResponseId?: string;
  store: boolean;
  /** The request's first message is its `instructions`, which a later response does not inherit. */
  instructions: boolean;
}

/**
 * Validates an OpenAI Responses body and converts it to the canonical request. What the relay does
 * not model is kept for a Responses upstream (`responsesFields`, each item's and tool's own shape)
 * and mapped or left out for others; see the README's table. The conversation of
 * `previous_response_id` is loaded by the caller (it lives in the relay's database) and put before
 * this request's input.
 */
export function parseResponsesRequest(
  body: unknown,
  loadConversation: (id: string) => CanonicalMessage[] | undefined,
): ParsedResponsesRequest {
  const wire = parseAt(responsesRequestSchema, body, '');
  // a background response is fetched later by its id, which the relay does not serve
  if (wire.background) throw new UnsupportedError('background', 'Switchboard');
  const messages: CanonicalMessage[] = [];
  if (wire.previous_response_id) {
    const previous = loadConversation(wire.previous_response_id);
    if (!previous) {
      throw new RelayError(
        'BAD_REQUEST',
        `Previous response with id '${wire.previous_response_id}' not found.`,
        { param: 'previous_response_id', status: 404 },
      );
    }
    messages.push(...previous);
  }
  if (wire.instructions)
    messages.unshift({ role: 'system', content: [{ type: 'text', text: wire.instructions }] });
  const tools = readResponsesTools(wire.tools ?? []);
  const toolName = (name: string, namespace?: string | null) => toolNamed(tools, name, namespace);
  if (typeof wire.input === 'string')
    messages.push({ role: 'user', content: [{ type: 'text', text: wire.input }] });
  else readResponsesItems(wire.input, messages, toolName, (i) => `input[${i}]`);
  const request: CanonicalRequest = {
    model: wire.model,
    messages,
    stream: wire.stream === true,
    includeUsage: true,
  };
  const choice = wire.tool_choice == null ? {} : readResponsesToolChoice(wire.tool_choice, tools);
  const offered = choice.tools ?? tools;
  if (offered.length > 0) request.tools = offered;
  if (choice.choice !== undefined) request.toolChoice = choice.choice;
  if (wire.parallel_tool_calls != null) request.parallelToolCalls = wire.parallel_tool_calls;
  if (wire.max_output_tokens != null) request.maxOutputTokens = wire.max_output_tokens;
  if (wire.temperature != null) request.temperature = wire.temperature;
  if (wire.top_p != null) request.topP = wire.top_p;
  const effort = effortOf(wire.reasoning?.effort);
  if (effort) request.reasoning = { effort };
  if (wire.user != null) request.user = wire.user;
  if (wire.metadata) request.metadata = wire.metadata;
  // token log probabilities, asked for as OpenAI-family upstreams take them: an upstream that
  // cannot give them refuses the request (providers/shared/reject-unsupported.ts)
  if (wire.include?.includes(outputLogprobs)) {
    request.passthrough = {
      logprobs: true,
      ...(wire.top_logprobs != null ? { top_logprobs: wire.top_logprobs } : {}),
    };
  }
  const format = readFormat(wire);
  if (format) request.responseFormat = format;
  const fields = Object.fromEntries(
    Object.entries(body as Record<string, unknown>).filter(
      ([key]) => !(rebuiltFields as readonly string[]).includes(key),
    ),
  );
  if (Object.keys(fields).length > 0) request.responsesFields = fields;
  return {
    request,
    previousResponseId: wire.previous_response_id ?? undefined,
    store: wire.store !== false,
    instructions: Boolean(wire.instructions),
  };
}
