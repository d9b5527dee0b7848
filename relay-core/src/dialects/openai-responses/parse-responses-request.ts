import { RelayError } from '../../canonical/errors.js';
import type { CanonicalMessage, CanonicalRequest, ImagePart, TextPart } from '../../canonical/types.js';
import { openAIInvalidValue, parseWithSchema } from '../parse-with-schema.js';
import { responsesRequestSchema } from './responses-schema.js';
import type { ResponsesItemWire } from './responses-schema.js';

function imagePart(url: string, detail: ImagePart['detail']): ImagePart {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  return match
    ? { type: 'image', source: { kind: 'base64', mediaType: match[1]!, data: match[2]! }, detail }
    : { type: 'image', source: { kind: 'url', url }, detail };
}

function addItem(messages: CanonicalMessage[], item: ResponsesItemWire): void {
  const last = messages.at(-1);
  if ('type' in item && item.type === 'function_call') {
    const part = { type: 'tool_call' as const, id: item.call_id, name: item.name, arguments: item.arguments };
    if (last?.role === 'assistant') last.content.push(part);
    else messages.push({ role: 'assistant', content: [part] });
  } else if ('type' in item && item.type === 'function_call_output') {
    const output = typeof item.output === 'string' ? item.output : item.output.map((p) => p.text).join('');
    messages.push({
      role: 'tool',
      content: [{ type: 'tool_result', toolCallId: item.call_id, content: [{ type: 'text', text: output }] }],
    });
  } else if ('type' in item && item.type === 'reasoning') {
    const text = (item.summary ?? []).map((s) => s.text).join('');
    const part = {
      type: 'reasoning' as const,
      text,
      ...(item.encrypted_content ? { data: item.encrypted_content } : {}),
      provider: 'openai',
    };
    if (last?.role === 'assistant') last.content.push(part);
    else messages.push({ role: 'assistant', content: [part] });
  } else if ('role' in item) {
    const content: Array<TextPart | ImagePart> =
      typeof item.content === 'string'
        ? [{ type: 'text', text: item.content }]
        : item.content.map((p) =>
            p.type === 'input_image'
              ? imagePart(p.image_url as string, p.detail as ImagePart['detail'])
              : p.type === 'refusal'
                ? { type: 'text', text: p.refusal as string, refusal: true }
                : { type: 'text', text: p.text as string },
          );
    const role = item.role === 'developer' || item.role === 'system' ? 'system' : item.role;
    messages.push({ role, content });
  }
}

/** The `include` entry that asks for the output text's token log probabilities. */
const outputLogprobs = 'message.output_text.logprobs';

export interface ParsedResponsesRequest {
  request: CanonicalRequest;
  previousResponseId?: string;
  store: boolean;
}

/**
 * Validates an OpenAI Responses body and converts it to the canonical request. The conversation
 * of `previous_response_id` is loaded by the caller (it lives in the relay's database) and put
 * before this request's input.
 */
export function parseResponsesRequest(
  body: unknown,
  loadConversation: (id: string) => CanonicalMessage[] | undefined,
): ParsedResponsesRequest {
  const wire = parseWithSchema(responsesRequestSchema, body, openAIInvalidValue);
  const messages: CanonicalMessage[] = [];
  if (wire.previous_response_id) {
    const previous = loadConversation(wire.previous_response_id);
    if (!previous) {
      throw new RelayError(
        'BAD_REQUEST',
        `Previous response with id '${wire.previous_response_id}' not found.`,
        {
          param: 'previous_response_id',
          status: 404,
        },
      );
    }
    messages.push(...previous.filter((message) => message.role !== 'system'));
  }
  if (wire.instructions)
    messages.unshift({ role: 'system', content: [{ type: 'text', text: wire.instructions }] });
  if (typeof wire.input === 'string')
    messages.push({ role: 'user', content: [{ type: 'text', text: wire.input }] });
  else for (const item of wire.input) addItem(messages, item);
  const request: CanonicalRequest = {
    model: wire.model,
    messages,
    stream: wire.stream === true,
    includeUsage: true,
  };
  if (wire.tools?.length) {
    request.tools = wire.tools.map((tool) => ({
      name: tool.name,
      description: tool.description ?? undefined,
      parameters: tool.parameters ?? { type: 'object', properties: {} },
      strict: tool.strict ?? undefined,
    }));
  }
  if (wire.tool_choice !== undefined)
    request.toolChoice =
      typeof wire.tool_choice === 'string' ? wire.tool_choice : { name: wire.tool_choice.name };
  if (wire.parallel_tool_calls != null) request.parallelToolCalls = wire.parallel_tool_calls;
  if (wire.max_output_tokens != null) request.maxOutputTokens = wire.max_output_tokens;
  if (wire.temperature != null) request.temperature = wire.temperature;
  if (wire.top_p != null) request.topP = wire.top_p;
  if (wire.reasoning?.effort) request.reasoning = { effort: wire.reasoning.effort };
  if (wire.user !== undefined) request.user = wire.user;
  if (wire.metadata) request.metadata = wire.metadata;
  // token log probabilities, asked for as OpenAI-family upstreams take them: an upstream that
  // cannot give them refuses the request (providers/shared/reject-unsupported.ts)
  if (wire.include?.includes(outputLogprobs)) {
    request.passthrough = {
      logprobs: true,
      ...(wire.top_logprobs != null ? { top_logprobs: wire.top_logprobs } : {}),
    };
  }
  const format = wire.text?.format;
  if (format && format.type !== 'text') {
    request.responseFormat =
      format.type === 'json_schema'
        ? {
            type: 'json_schema',
            name: format.name,
            schema: format.schema,
            strict: format.strict ?? undefined,
          }
        : { type: 'json_object' };
  }
  return { request, previousResponseId: wire.previous_response_id ?? undefined, store: wire.store !== false };
}
