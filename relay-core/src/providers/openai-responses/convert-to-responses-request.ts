import { RelayError } from '../../canonical/errors.js';
import { effortsAboveMax, reasoningEfforts } from '../../canonical/types.js';
import type {
  CanonicalMessage,
  CanonicalRequest,
  CanonicalTool,
  ContentPart,
  ImagePart,
  NativePart,
  TextPart,
  ToolResultPart,
} from '../../canonical/types.js';
import { splitRefusal } from '../../canonical/split-refusal.js';
import { isPlainObject } from '../../shared/is-plain-object.js';
import { openAINativeContent, sharedServiceFields } from '../shared/map-openai-dialects.js';
import { rejectUnsupported } from '../shared/reject-unsupported.js';
import { callItem, calledTools, responsesToolChoice, responsesTools } from './convert-responses-tools.js';

type Item = Record<string, unknown>;
type Content = TextPart | ImagePart | NativePart;

const upstream = 'OpenAI Responses';

/** Efforts the relay knows, by any client's word. */
const knownEfforts = new Set([...reasoningEfforts, ...effortsAboveMax]);

/** Top-level fields the canonical request sets itself, whatever the client sent. */
const modeled = [
  'tool_choice',
  'parallel_tool_calls',
  'max_output_tokens',
  'temperature',
  'top_p',
  'user',
  'metadata',
  'top_logprobs',
  'reasoning',
  'text',
  'include',
];

function imageUrl(part: ImagePart): string {
  return part.source.kind === 'url'
    ? part.source.url
    : `data:${part.source.mediaType};base64,${part.source.data}`;
}

function inputContent(parts: Content[]): Item[] {
  return parts.flatMap((part) => {
    if (part.type === 'text') return [{ type: 'input_text', text: part.text }];
    if (part.type === 'image')
      return [
        { type: 'input_image', image_url: imageUrl(part), ...(part.detail ? { detail: part.detail } : {}) },
      ];
    const content = openAINativeContent(part, 'openai-responses', upstream);
    return content ? [content] : [];
  });
}

/**
 * An item as it goes back to OpenAI: without its id. The relay sends `store: false`, so an id
 * refers to nothing stored, and OpenAI checks ids it knows against the items around them (a
 * reasoning item's "required following item"); the item's content says all. A reference is its id.
 */
function withoutId(item: Item): Item {
  if (item.type === 'item_reference' || item.id === undefined) return item;
  const { id: _id, ...rest } = item;
  return rest;
}

function messageItem(role: CanonicalMessage['role'], parts: Content[]): Item | undefined {
  if (role === 'assistant') {
    // an earlier refusal goes back as a refusal part, the rest of the text as output_text
    const { text, refusal } = splitRefusal(parts);
    if (!text && !refusal) return undefined;
    return {
      role: 'assistant',
      content: [
        ...(text ? [{ type: 'output_text', text }] : []),
        ...(refusal ? [{ type: 'refusal', refusal }] : []),
      ],
    };
  }
  const content = inputContent(parts);
  return content.length > 0 ? { role: role === 'system' ? 'developer' : 'user', content } : undefined;
}

function resultItem(part: ToolResultPart, called: Map<string, CanonicalTool | undefined>): Item {
  if (part.responsesItem) return { ...part.responsesItem, call_id: part.toolCallId };
  const output = part.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
  const custom = called.get(part.toolCallId)?.kind === 'custom';
  return {
    type: custom ? 'custom_tool_call_output' : 'function_call_output',
    call_id: part.toolCallId,
    output,
  };
}

/**
 * A message's items, in order. A message read from a Responses item is that item again (its text,
 * images and unmodeled parts stand for it); so is each call, result and reasoning item read from
 * one. Reasoning goes back only as OpenAI's own encrypted reasoning: nothing else reads there.
 */
function messageItems(
  message: CanonicalMessage,
  tools: CanonicalTool[],
  called: Map<string, CanonicalTool | undefined>,
): Item[] {
  const items: Item[] = [];
  let pending: Content[] = [];
  let sent = false;
  const flush = () => {
    const item = pending.length > 0 ? messageItem(message.role, pending) : undefined;
    if (item) items.push(item);
    pending = [];
  };
  const content = (part: Content) => {
    if (!message.responsesItem) pending.push(part);
    else if (!sent) {
      items.push(withoutId(message.responsesItem));
      sent = true;
    }
  };
  for (const part of message.content as ContentPart[]) {
    if (part.type === 'text' || part.type === 'image' || (part.type === 'native' && !part.item)) {
      content(part);
      continue;
    }
    flush();
    if (part.type === 'native') {
      if (part.dialect === 'openai-responses') items.push(withoutId(part.value));
    } else if (part.type === 'reasoning') {
      if (typeof part.responsesItem?.encrypted_content === 'string')
        items.push(withoutId(part.responsesItem));
    } else if (part.type === 'tool_call') items.push(withoutId(callItem(part, tools)));
    else items.push(withoutId(resultItem(part, called)));
  }
  flush();
  return items;
}

/** The client's own `reasoning` and `text` objects, with what the canonical request says in them. */
function mergedObjects(request: CanonicalRequest, body: Item): void {
  const fields = request.responsesFields ?? {};
  const asked = isPlainObject(fields.reasoning) ? fields.reasoning : undefined;
  const effort = request.reasoning?.effort;
  if (effort !== undefined) {
    // the client's own word for an effort above xhigh
    const own = effort === 'max' && effortsAboveMax.includes(String(asked?.effort)) ? asked?.effort : effort;
    body.reasoning = { summary: 'auto', ...asked, effort: own };
  }
  // an effort the relay knows but the request no longer carries was taken off for this model; one
  // it does not know (newer than the relay) is the client's to send
  else if (asked && !knownEfforts.has(String(asked.effort))) body.reasoning = asked;
  const text = isPlainObject(fields.text) ? { ...fields.text } : {};
  delete text.format;
  const format = request.responseFormat;
  if (format && format.type !== 'text') {
    text.format =
      format.type === 'json_schema'
        ? {
            type: 'json_schema',
            name: format.name,
            schema: format.schema,
            ...(format.strict === undefined ? {} : { strict: format.strict }),
            ...(format.description === undefined ? {} : { description: format.description }),
          }
        : { type: 'json_object' };
  }
  // a Chat client's verbosity is the Responses API's text.verbosity
  if (text.verbosity === undefined && typeof request.passthrough?.verbosity === 'string')
    text.verbosity = request.passthrough.verbosity;
  if (Object.keys(text).length > 0) body.text = text;
}

/**
 * Builds an OpenAI Responses API body. The relay is stateless upstream: `store: false`, the whole
 * conversation is sent as input items. What a Responses client said that the canonical form does
 * not model goes back as it came: its items and tools, and its top-level fields (`include`,
 * `prompt_cache_key`, `truncation`, newer ones) with the canonical request's own values on top.
 */
export function convertToResponsesRequest(request: CanonicalRequest, model: string): Record<string, unknown> {
  rejectUnsupported(request, upstream, { passthrough: ['logprobs', 'top_logprobs'], responses: true });
  if (request.stop !== undefined) {
    throw new RelayError(
      'BAD_REQUEST',
      "'stop' is not supported by models served through the Responses API",
      { param: 'stop' },
    );
  }
  const tools = request.tools ?? [];
  const called = calledTools(request);
  const input = request.messages.flatMap((message) => messageItems(message, tools, called));
  const kept = Object.entries(request.responsesFields ?? {}).filter(([key]) => !modeled.includes(key));
  const body: Record<string, unknown> = { ...Object.fromEntries(kept), model, input, store: false };
  if (request.stream) body.stream = true;
  if (tools.length > 0) body.tools = responsesTools(tools);
  // a Responses client's own choice says more (a namespace, allowed_tools)
  if (request.toolChoice !== undefined)
    body.tool_choice = request.responsesFields?.tool_choice ?? responsesToolChoice(request.toolChoice, tools);
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  if (request.maxOutputTokens !== undefined) body.max_output_tokens = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.user !== undefined) body.user = request.user;
  if (request.metadata !== undefined) body.metadata = request.metadata;
  const include = new Set(
    Array.isArray(request.responsesFields?.include) ? (request.responsesFields.include as unknown[]) : [],
  );
  // token log probabilities, asked for in Chat's terms
  if (request.passthrough?.logprobs === true) {
    include.add('message.output_text.logprobs');
    if (typeof request.passthrough.top_logprobs === 'number')
      body.top_logprobs = request.passthrough.top_logprobs;
  } else if (typeof request.responsesFields?.top_logprobs === 'number')
    body.top_logprobs = request.responsesFields.top_logprobs;
  if (include.size > 0) body.include = [...include];
  // a Chat client's own fields that tune OpenAI's service mean the same here
  for (const key of sharedServiceFields)
    if (body[key] === undefined && request.passthrough?.[key] != null) body[key] = request.passthrough[key];
  mergedObjects(request, body);
  return body;
}
