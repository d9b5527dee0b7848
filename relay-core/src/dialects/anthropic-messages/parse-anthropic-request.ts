import type {
  CanonicalMessage,
  CanonicalRequest,
  ContentPart,
  ImagePart,
  ResponseFormat,
  TextPart,
} from '../../canonical/types.js';
import { isPlainObject } from '../../shared/is-plain-object.js';
import { parseWithSchema } from '../parse-with-schema.js';
import { messagesRequestSchema } from './anthropic-messages-schema.js';
import type { MessagesRequestWire } from './anthropic-messages-schema.js';

/** The top-level fields the schema knows; the rest are kept apart (`unmodeled`). */
const modeled = messagesRequestSchema.shape;

type Block = Exclude<MessagesRequestWire['messages'][number]['content'], string>[number];

function cache(block: { cache_control?: { type: 'ephemeral'; ttl?: '5m' | '1h' } | null }) {
  return block.cache_control
    ? {
        cacheControl: {
          type: block.cache_control.type,
          ...(block.cache_control.ttl ? { ttl: block.cache_control.ttl } : {}),
        },
      }
    : {};
}

function convertBlock(block: Block): ContentPart {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text, ...cache(block) };
    case 'image':
      return {
        type: 'image',
        source:
          block.source.type === 'base64'
            ? { kind: 'base64', mediaType: block.source.media_type, data: block.source.data }
            : { kind: 'url', url: block.source.url },
        ...cache(block),
      };
    case 'tool_use':
      return {
        type: 'tool_call',
        id: block.id,
        name: block.name,
        arguments: JSON.stringify(block.input ?? {}),
      };
    case 'tool_result': {
      const content: Array<TextPart | ImagePart> =
        typeof block.content === 'string' || block.content === undefined
          ? [{ type: 'text', text: block.content ?? '' }]
          : block.content.map((inner) => convertBlock(inner) as TextPart | ImagePart);
      return {
        type: 'tool_result',
        toolCallId: block.tool_use_id,
        content,
        ...(block.is_error ? { isError: true } : {}),
      };
    }
    case 'thinking':
      return {
        type: 'reasoning',
        text: block.thinking,
        ...(block.signature ? { signature: block.signature } : {}),
      };
    case 'redacted_thinking':
      return { type: 'reasoning', text: '', redacted: true, data: block.data };
  }
}

/**
 * Structured output, `output_config.format` (or the beta's `output_format`, which it replaced), as
 * the canonical JSON schema format, so that another provider can be asked for the same (OpenAI's
 * `response_format`). Anthropic's structured output always holds to the schema: strict. A format
 * of another shape stays the client's own, for Anthropic alone.
 */
function structuredOutput(fields: Record<string, unknown> | undefined): ResponseFormat | undefined {
  const config = fields?.output_config;
  const format = (isPlainObject(config) ? config.format : undefined) ?? fields?.output_format;
  if (!isPlainObject(format) || format.type !== 'json_schema' || !isPlainObject(format.schema))
    return undefined;
  return { type: 'json_schema', name: 'output', schema: format.schema, strict: true };
}

/**
 * Validates an Anthropic Messages body (what Claude Code sends) and converts it to the canonical
 * request. A 400 names the parameter (`messages.0.content.1.type` becomes `messages[0].content[1].type`).
 */
export function parseAnthropicRequest(body: unknown): CanonicalRequest {
  const wire = parseWithSchema(messagesRequestSchema, body, (param, message) => `${param}: ${message}`);
  const messages: CanonicalMessage[] = [];
  if (wire.system !== undefined) {
    const system =
      typeof wire.system === 'string'
        ? [{ type: 'text' as const, text: wire.system }]
        : wire.system.map((b) => convertBlock(b) as TextPart);
    messages.push({ role: 'system', content: system });
  }
  for (const message of wire.messages) {
    const content =
      typeof message.content === 'string'
        ? [{ type: 'text' as const, text: message.content }]
        : message.content.map(convertBlock);
    messages.push({ role: message.role, content });
  }
  const request: CanonicalRequest = {
    model: wire.model,
    messages,
    maxOutputTokens: wire.max_tokens,
    stream: wire.stream === true,
    // Anthropic streams always end with usage in message_delta
    includeUsage: true,
  };
  if (wire.tools) {
    request.tools = wire.tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      parameters: tool.input_schema,
      ...cache(tool),
    }));
  }
  const choice = wire.tool_choice;
  if (choice) {
    request.toolChoice =
      choice.type === 'tool' ? { name: choice.name } : choice.type === 'any' ? 'required' : choice.type;
    if ('disable_parallel_tool_use' in choice && choice.disable_parallel_tool_use)
      request.parallelToolCalls = false;
  }
  const unmodeled = Object.entries(body as Record<string, unknown>).filter(
    ([key]) => !Object.hasOwn(modeled, key),
  );
  if (unmodeled.length > 0) request.unmodeled = Object.fromEntries(unmodeled);
  const responseFormat = structuredOutput(request.unmodeled);
  if (responseFormat) request.responseFormat = responseFormat;
  if (wire.temperature !== undefined) request.temperature = wire.temperature;
  if (wire.top_p !== undefined) request.topP = wire.top_p;
  if (wire.stop_sequences !== undefined) request.stop = wire.stop_sequences;
  if (wire.metadata?.user_id) request.user = wire.metadata.user_id;
  if (wire.thinking?.type === 'enabled') request.reasoning = { budgetTokens: wire.thinking.budget_tokens };
  else if (wire.thinking?.type === 'adaptive') request.reasoning = { effort: 'medium' };
  return request;
}
