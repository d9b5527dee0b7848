import { RelayError } from '../../canonical/errors.js';
import { wrapCustomInput } from '../../canonical/custom-tool-input.js';
import type {
  CacheControl,
  CanonicalMessage,
  CanonicalRequest,
  ContentPart,
  ImagePart,
  NativePart,
  TextPart,
} from '../../canonical/types.js';
import { isPlainObject } from '../../shared/is-plain-object.js';
import { chatCompletionRequestSchema } from './openai-chat-schema.js';
import type { ChatCompletionRequestWire } from './openai-chat-schema.js';
import { OpenAIRequestError, parseAt } from './openai-request-error.js';
import { readChatToolChoice, readChatTools } from './read-chat-tools.js';

type WireMessage = ChatCompletionRequestWire['messages'][number];
type WireContent = Extract<WireMessage, { role: 'user' }>['content'];

const knownFields = new Set(Object.keys(chatCompletionRequestSchema.shape));

function parseImageUrl(url: string, detail: ImagePart['detail'], param: string): ImagePart {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (match)
    return { type: 'image', source: { kind: 'base64', mediaType: match[1]!, data: match[2]! }, detail };
  if (!/^https?:\/\//i.test(url)) {
    throw new RelayError('BAD_REQUEST', 'image_url.url must be an http(s) URL or a base64 data URL', {
      param,
    });
  }
  return { type: 'image', source: { kind: 'url', url }, detail };
}

/**
 * A text part's prompt-cache breakpoint, as OpenRouter and LiteLLM take Anthropic's on an OpenAI
 * part (`cache_control: {type: 'ephemeral'}`): an Anthropic upstream honours it.
 */
function cacheOf(part: Record<string, unknown>): { cacheControl?: CacheControl } {
  const cache = part.cache_control;
  if (!isPlainObject(cache) || cache.type !== 'ephemeral') return {};
  return {
    cacheControl: {
      type: 'ephemeral',
      ...(cache.ttl === '5m' || cache.ttl === '1h' ? { ttl: cache.ttl } : {}),
    },
  };
}

/**
 * A message's content, canonical. A part the relay does not model (`input_audio`, `file`, a newer
 * type) is kept as it came: an OpenAI-compatible upstream is sent it, and in what the user or
 * developer said it is essential, so a provider that cannot read it refuses the request.
 */
function convertContent(
  content: WireContent | null | undefined,
  param: string,
  said: boolean,
): Array<TextPart | ImagePart | NativePart> {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, i) => {
    const partParam = `${param}[${i}]`;
    if (part.type === 'text' && typeof part.text === 'string')
      return { type: 'text', text: part.text, ...cacheOf(part) };
    // an earlier answer's refusal, as the SDKs send it back in an assistant message's content
    if (part.type === 'refusal' && typeof part.refusal === 'string')
      return { type: 'text', text: part.refusal, refusal: true };
    if (part.type === 'image_url' && 'image_url' in part) {
      const value = part.image_url as string | { url: string; detail?: ImagePart['detail'] };
      return typeof value === 'string'
        ? parseImageUrl(value, undefined, `${partParam}.image_url`)
        : parseImageUrl(value.url, value.detail, `${partParam}.image_url.url`);
    }
    return {
      type: 'native',
      dialect: 'openai-chat',
      value: part,
      ...(said ? { essential: { param: `${partParam}.type`, value: part.type } } : {}),
    };
  });
}

/** A tool message's content: OpenAI reads only text there (the relay also images). */
function toolContent(content: WireContent, param: string): Array<TextPart | ImagePart> {
  return convertContent(content, param, true).map((part, i) => {
    if (part.type !== 'native') return part;
    throw new OpenAIRequestError(
      `Invalid value: '${String(part.value.type)}'. Supported values are: 'text'.`,
      `${param}[${i}].type`,
      'invalid_value',
    );
  });
}

function convertMessage(message: WireMessage, i: number): CanonicalMessage {
  const param = `messages[${i}].content`;
  const name = 'name' in message && typeof message.name === 'string' ? { name: message.name } : {};
  const own = { chatMessage: message as Record<string, unknown> };
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: convertContent(message.content, param, true), ...name, ...own };
    case 'user':
      return { role: 'user', content: convertContent(message.content, param, true), ...name, ...own };
    case 'assistant': {
      const content: ContentPart[] = [];
      if (message.reasoning_content) content.push({ type: 'reasoning', text: message.reasoning_content });
      content.push(...convertContent(message.content, param, false));
      if (message.refusal) content.push({ type: 'text', text: message.refusal, refusal: true });
      for (const call of message.tool_calls ?? []) {
        content.push(
          'custom' in call && call.type === 'custom'
            ? {
                type: 'tool_call',
                id: call.id,
                name: call.custom.name,
                arguments: wrapCustomInput(call.custom.input),
              }
            : {
                type: 'tool_call',
                id: call.id,
                name: call.function.name,
                arguments: call.function.arguments,
              },
        );
      }
      return { role: 'assistant', content, ...name, ...own };
    }
    case 'tool':
      return {
        role: 'tool',
        content: [
          {
            type: 'tool_result',
            toolCallId: message.tool_call_id,
            content: toolContent(message.content, param),
          },
        ],
        ...own,
      };
  }
}

/**
 * Validates an OpenAI Chat Completions body and converts it to the canonical request. Errors are
 * 400s that name the offending parameter the way OpenAI does (`messages[0].role`).
 */
export function parseOpenAIChatRequest(body: unknown): CanonicalRequest {
  const wire = parseAt(chatCompletionRequestSchema, body, '');
  const passthrough: Record<string, unknown> = {};
  // for-in, not Object.entries: no pair is made for each of the body's fields
  for (const key in wire) if (!knownFields.has(key)) passthrough[key] = wire[key as keyof typeof wire];
  const maxTokens = wire.max_completion_tokens ?? wire.max_tokens ?? undefined;
  const format = wire.response_format;
  const request: CanonicalRequest = {
    model: wire.model,
    messages: wire.messages.map(convertMessage),
    stream: wire.stream === true,
    includeUsage: wire.stream === true && wire.stream_options?.include_usage === true,
  };
  if (wire.tools) request.tools = readChatTools(wire.tools);
  if (wire.tool_choice !== undefined) {
    const choice = readChatToolChoice(wire.tool_choice, request.tools ?? []);
    request.toolChoice = choice.choice;
    if (choice.tools) request.tools = choice.tools;
  }
  if (wire.parallel_tool_calls !== undefined) request.parallelToolCalls = wire.parallel_tool_calls;
  if (maxTokens !== undefined) request.maxOutputTokens = maxTokens;
  if (wire.temperature != null) request.temperature = wire.temperature;
  if (wire.top_p != null) request.topP = wire.top_p;
  if (wire.stop != null) request.stop = typeof wire.stop === 'string' ? [wire.stop] : wire.stop;
  if (wire.seed != null) request.seed = wire.seed;
  if (wire.user !== undefined) request.user = wire.user;
  if (wire.metadata != null) request.metadata = wire.metadata;
  if (wire.reasoning_effort != null) request.reasoning = { effort: wire.reasoning_effort };
  if (format) {
    request.responseFormat =
      format.type === 'json_schema'
        ? {
            type: 'json_schema',
            name: format.json_schema.name,
            schema: format.json_schema.schema ?? {},
            strict: format.json_schema.strict ?? undefined,
            description: format.json_schema.description,
          }
        : { type: format.type };
  }
  if (Object.keys(passthrough).length > 0) request.passthrough = passthrough;
  return request;
}
