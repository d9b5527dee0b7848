import { rejectResponsesFields, rejectUnmodeled, refuseNative } from '../shared/reject-unsupported.js';
import { offeredTools } from '../shared/offered-tools.js';
import { openAINativeContent, sharedServiceFields } from '../shared/map-openai-dialects.js';
import { isPlainObject } from '../../shared/is-plain-object.js';
import { unwrapCustomInput } from '../../canonical/custom-tool-input.js';
import type {
  CanonicalMessage,
  CanonicalRequest,
  CanonicalTool,
  ContentPart,
  ImagePart,
  TextPart,
  ToolChoice,
} from '../../canonical/types.js';

type WireContent = string | Array<Record<string, unknown>>;

export interface OpenAIRequestOptions {
  /** OpenAI itself wants `max_completion_tokens`; most compatible servers only know `max_tokens`. */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
  /**
   * The upstream is OpenAI's own service (or Azure's): a Responses client's fields that tune it
   * (`prompt_cache_key`, `service_tier`, …) mean the same there; other servers are not sent them.
   */
  openAIService?: boolean;
}

const upstream = 'OpenAI-compatible';

function imageUrl(part: ImagePart): string {
  return part.source.kind === 'url'
    ? part.source.url
    : `data:${part.source.mediaType};base64,${part.source.data}`;
}

/** Parts as Chat content: text alone as one string, unless `join` is false. */
function convertContent(parts: Array<TextPart | ImagePart | ContentPart>, join = true): WireContent {
  const visible = parts.filter(
    (part) => part.type === 'text' || part.type === 'image' || (part.type === 'native' && !part.item),
  );
  if (join && visible.every((part) => part.type === 'text'))
    return visible.map((part) => (part as TextPart).text).join('');
  return visible.flatMap((part) => {
    if (part.type === 'text') return [{ type: 'text', text: part.text }];
    if (part.type === 'native') {
      const content = openAINativeContent(part, 'openai-chat', upstream);
      return content ? [content] : [];
    }
    const image = part as ImagePart;
    return [
      {
        type: 'image_url',
        image_url: { url: imageUrl(image), ...(image.detail ? { detail: image.detail } : {}) },
      },
    ];
  });
}

/** A Responses item the canonical form does not model has no Chat message; refused when essential. */
function withoutItems(message: CanonicalMessage): ContentPart[] {
  return message.content.filter((part) => {
    if (part.type !== 'native' || !part.item) return true;
    refuseNative(part, upstream);
    return false;
  });
}

/** What a Chat message says that the relay models; a Chat client's other fields go on as sent. */
const modeledMessageFields = new Set([
  'role',
  'content',
  'name',
  'tool_calls',
  'tool_call_id',
  'refusal',
  'reasoning_content',
]);

function unmodeledFields(message: CanonicalMessage): Record<string, unknown> {
  const own = message.chatMessage ?? {};
  return Object.fromEntries(Object.entries(own).filter(([key]) => !modeledMessageFields.has(key)));
}

/** What a Chat content part says that the relay models; a client's other fields go on as sent. */
const modeledPartFields = new Set(['type', 'text', 'image_url', 'refusal']);

/**
 * A Chat client's content parts' own fields (an OpenRouter `cache_control`, newer ones), put back
 * on the parts the relay rebuilt, which stand one for one for the client's in what the user, the
 * developer or a tool said.
 */
function withPartFields(message: CanonicalMessage, converted: Record<string, unknown>): void {
  const sent = message.chatMessage?.content;
  if (!Array.isArray(sent) || message.role === 'assistant') return;
  const extras = sent.map((part: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(part).filter(([key]) => !modeledPartFields.has(key))),
  );
  if (extras.every((extra) => Object.keys(extra).length === 0)) return;
  const parts = message.content.flatMap((part) => (part.type === 'tool_result' ? part.content : [part]));
  const content = convertContent(parts, false);
  if (!Array.isArray(content) || content.length !== sent.length) return;
  converted.content = content.map((part, i) =>
    parts[i]?.type === 'native' ? part : { ...extras[i], ...part },
  );
}

function convertMessage(message: CanonicalMessage, tools: ToolKinds): Array<Record<string, unknown>> {
  const converted = convertParts(message, tools);
  // a Chat client's message is one message here too
  if (message.chatMessage && converted[0]) {
    Object.assign(converted[0], unmodeledFields(message));
    withPartFields(message, converted[0]);
  }
  return converted;
}

function convertParts(message: CanonicalMessage, tools: ToolKinds): Array<Record<string, unknown>> {
  const content = withoutItems(message);
  // a message of nothing Chat reads (a web_search_call) is no message at all
  if (content.length === 0) return [];
  message = { ...message, content };
  const name = message.name === undefined ? {} : { name: message.name };
  if (message.role === 'system')
    return [{ role: 'system', content: convertContent(message.content), ...name }];
  if (message.role === 'assistant') {
    const toolCalls = message.content.flatMap((part) =>
      part.type === 'tool_call' ? [toolCall(part, tools.get(part.name))] : [],
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

type ToolKinds = ReadonlyMap<string, CanonicalTool>;

/** A Chat client's own custom tool goes as it came; every other tool as a function. */
const isChatCustom = (tool: CanonicalTool | undefined) =>
  tool?.kind === 'custom' && tool.chatTool !== undefined;

function toolCall(call: { id: string; name: string; arguments: string }, tool: CanonicalTool | undefined) {
  if (isChatCustom(tool)) {
    const input = unwrapCustomInput(call.arguments);
    return { id: call.id, type: 'custom', custom: { name: call.name, input } };
  }
  return { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } };
}

function convertToolChoice(choice: ToolChoice, tools: ToolKinds): unknown {
  if (typeof choice === 'string') return choice;
  const tool = tools.get(choice.name);
  if (tool?.kind === 'hosted' && tool.chatTool) return { type: tool.chatTool.type };
  return isChatCustom(tool)
    ? { type: 'custom', custom: { name: choice.name } }
    : { type: 'function', function: { name: choice.name } };
}

/** A Responses client's fields that mean the same to OpenAI's Chat Completions. */
function serviceFields(request: CanonicalRequest): Record<string, unknown> {
  const fields = request.responsesFields ?? {};
  const shared = Object.fromEntries(
    sharedServiceFields.flatMap((key) => (fields[key] == null ? [] : [[key, fields[key]]])),
  );
  const verbosity = isPlainObject(fields.text) ? fields.text.verbosity : undefined;
  return { ...shared, ...(typeof verbosity === 'string' ? { verbosity } : {}) };
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
  rejectUnmodeled(request, upstream);
  rejectResponsesFields(request, upstream);
  const kinds: ToolKinds = new Map((request.tools ?? []).map((tool) => [tool.name, tool]));
  const body: Record<string, unknown> = {
    ...(options.openAIService ? serviceFields(request) : {}),
    ...request.passthrough,
    model,
    messages: request.messages.flatMap((message) => convertMessage(message, kinds)),
  };
  if (request.stream) body.stream = true;
  if (request.stream) body.stream_options = { include_usage: true };
  // a Chat client's own tools of other types are its dialect's: sent as they came
  const tools = offeredTools(request, upstream, (tool) => tool.chatTool !== undefined);
  if (tools.length > 0) {
    body.tools = tools.map((tool) =>
      tool.chatTool && tool.kind !== undefined
        ? tool.chatTool
        : {
            type: 'function',
            function: {
              name: tool.name,
              ...(tool.description === undefined ? {} : { description: tool.description }),
              parameters: tool.parameters,
              ...(tool.strict === undefined ? {} : { strict: tool.strict }),
            },
          },
    );
  }
  if (request.toolChoice !== undefined) body.tool_choice = convertToolChoice(request.toolChoice, kinds);
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
