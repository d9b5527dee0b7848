import { rejectUnmodeled } from '../shared/reject-unsupported.js';
import type {
  CanonicalMessage,
  CanonicalRequest,
  ContentPart,
  ImagePart,
  TextPart,
  ToolChoice,
} from '../../canonical/types.js';

type WireContent = string | Array<Record<string, unknown>>;

export interface OpenAIRequestOptions {
  /** OpenAI itself wants `max_completion_tokens`; most compatible servers only know `max_tokens`. */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
}

function imageUrl(part: ImagePart): string {
  return part.source.kind === 'url'
    ? part.source.url
    : `data:${part.source.mediaType};base64,${part.source.data}`;
}

function convertContent(parts: Array<TextPart | ImagePart | ContentPart>): WireContent {
  const visible = parts.filter((part) => part.type === 'text' || part.type === 'image');
  if (visible.every((part) => part.type === 'text'))
    return visible.map((part) => (part as TextPart).text).join('');
  return visible.map((part) =>
    part.type === 'text'
      ? { type: 'text', text: part.text }
      : {
          type: 'image_url',
          image_url: {
            url: imageUrl(part as ImagePart),
            ...((part as ImagePart).detail ? { detail: (part as ImagePart).detail } : {}),
          },
        },
  );
}

function convertMessage(message: CanonicalMessage): Array<Record<string, unknown>> {
  const name = message.name === undefined ? {} : { name: message.name };
  if (message.role === 'system')
    return [{ role: 'system', content: convertContent(message.content), ...name }];
  if (message.role === 'assistant') {
    const toolCalls = message.content.flatMap((part) =>
      part.type === 'tool_call'
        ? [{ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } }]
        : [],
    );
    // an earlier refusal goes back as `refusal`, the rest of the text as content
    const refusal = message.content.flatMap((part) =>
      part.type === 'text' && part.refusal ? [part.text] : [],
    );
    const said = message.content.filter((part) => !(part.type === 'text' && part.refusal));
    const text = said.some((part) => part.type === 'text') ? convertContent(said) : null;
    // reasoning parts are not sent back: OpenAI-family servers reject or ignore them
    return [
      {
        role: 'assistant',
        content: text,
        ...(refusal.length > 0 ? { refusal: refusal.join('') } : {}),
        ...name,
        ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
      },
    ];
  }
  // user and tool messages: tool results become one `tool` message each, in order
  const out: Array<Record<string, unknown>> = [];
  const rest: ContentPart[] = [];
  for (const part of message.content) {
    if (part.type === 'tool_result') {
      out.push({ role: 'tool', tool_call_id: part.toolCallId, content: convertContent(part.content) });
    } else rest.push(part);
  }
  if (rest.length > 0 || out.length === 0) out.push({ role: 'user', content: convertContent(rest), ...name });
  return out;
}

function convertToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

/**
 * Builds an OpenAI Chat Completions body. Always asks for usage in streams: the relay needs it
 * to price the request, and strips it again when the client did not ask for it.
 */
export function convertToOpenAIRequest(
  request: CanonicalRequest,
  model: string,
  options: OpenAIRequestOptions,
): Record<string, unknown> {
  rejectUnmodeled(request, 'OpenAI-compatible');
  const body: Record<string, unknown> = {
    ...request.passthrough,
    model,
    messages: request.messages.flatMap(convertMessage),
  };
  if (request.stream) body.stream = true;
  if (request.stream) body.stream_options = { include_usage: true };
  if (request.tools && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.parameters,
        ...(tool.strict === undefined ? {} : { strict: tool.strict }),
      },
    }));
  }
  if (request.toolChoice !== undefined) body.tool_choice = convertToolChoice(request.toolChoice);
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  if (request.maxOutputTokens !== undefined) body[options.maxTokensField] = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop !== undefined) body.stop = request.stop;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.user !== undefined) body.user = request.user;
  if (request.metadata !== undefined) body.metadata = request.metadata;
  if (request.reasoning?.effort !== undefined) body.reasoning_effort = request.reasoning.effort;
  if (request.responseFormat !== undefined) {
    const format = request.responseFormat;
    body.response_format =
      format.type === 'json_schema'
        ? {
            type: 'json_schema',
            json_schema: {
              name: format.name,
              schema: format.schema,
              ...(format.strict === undefined ? {} : { strict: format.strict }),
              ...(format.description === undefined ? {} : { description: format.description }),
            },
          }
        : { type: format.type };
  }
  return body;
}
