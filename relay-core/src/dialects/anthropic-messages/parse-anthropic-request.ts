import { createHash } from 'node:crypto';
import type {
  CanonicalMessage,
  CanonicalRequest,
  ReasoningEffort,
  ReasoningRequest,
  ResponseFormat,
  Role,
} from '../../canonical/types.js';
import { isPlainObject } from '../../shared/is-plain-object.js';
import {
  countTokensRequestSchema,
  enabledThinking,
  messagesRequestSchema,
} from './anthropic-messages-schema.js';
import type { MessagesRequestWire } from './anthropic-messages-schema.js';
import { AnthropicBlockReader } from './convert-anthropic-blocks.js';
import { readAnthropicTools } from './read-anthropic-tools.js';
import { anthropicRefusal, parseAnthropicWire, unknownTag } from './anthropic-wording.js';

/** The top-level fields the schema knows; the rest are kept apart (`unmodeled`). */
const modeled = messagesRequestSchema.shape;

const roles: Record<string, Role> = {
  user: 'user',
  assistant: 'assistant',
  system: 'system',
  developer: 'system',
};

/** Anthropic's effort levels, level for level (`max` is the level above high). */
const efforts: Record<string, ReasoningEffort> = {
  none: 'none',
  minimal: 'minimal',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'xhigh',
  max: 'max',
};

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
 * Thinking as canonical reasoning: a budget, an effort (`output_config.effort`, Anthropic's default
 * `high` when adaptive thinking has none), both, or none when thinking is off. A thinking type added
 * after this was written is thinking on at the client's effort.
 */
function reasoningOf(wire: MessagesRequestWire, unmodeled: Record<string, unknown> | undefined) {
  const thinking = wire.thinking;
  if (!thinking || thinking.type === 'disabled') return undefined;
  const config = unmodeled?.output_config;
  const named =
    isPlainObject(config) && typeof config.effort === 'string' ? efforts[config.effort] : undefined;
  const reasoning: ReasoningRequest = {};
  if (thinking.type === 'enabled')
    reasoning.budgetTokens = parseAnthropicWire(enabledThinking, thinking, [
      'thinking',
      'enabled',
    ]).budget_tokens;
  if (named) reasoning.effort = named;
  else if (thinking.type !== 'enabled') reasoning.effort = 'high';
  if (thinking.type !== 'enabled' && thinking.type !== 'adaptive') reasoning.unmodeledForm = true;
  return reasoning;
}

/**
 * Anthropic's `metadata.user_id` may be any string (Claude Code sends a JSON object's text); other
 * providers take a short end-user id, so a long one is sent as its SHA-256, still one id per user.
 */
function endUser(id: string): string {
  return id.length <= 64 ? id : createHash('sha256').update(id).digest('hex');
}

/**
 * Validates an Anthropic Messages body (what Claude Code sends) and converts it to the canonical
 * request. Tolerant: a system message among the messages, a block, tool or thinking type the relay
 * does not know are accepted; what the canonical form cannot carry is noted in `unmodeledContent`.
 * A 400 is worded as Anthropic words it (`messages.0.content.1.text: Field required`).
 * `countOnly`: the body of `/v1/messages/count_tokens`, which has no max_tokens.
 */
export function parseAnthropicRequest(body: unknown, countOnly = false): CanonicalRequest {
  const wire = parseAnthropicWire(countOnly ? countTokensRequestSchema : messagesRequestSchema, body);
  const reader = new AnthropicBlockReader();
  const messages: CanonicalMessage[] = [];
  if (wire.system !== undefined) {
    const system =
      typeof wire.system === 'string'
        ? [{ type: 'text' as const, text: wire.system }]
        : reader.blocks(wire.system, ['system']);
    messages.push({ role: 'system', content: system });
  }
  wire.messages.forEach((message, index) => {
    const role = roles[message.role];
    if (!role)
      reader.note(
        ['messages', index, 'role'],
        message.role,
        `Input should be 'user', 'assistant' or 'system'`,
      );
    const content =
      typeof message.content === 'string'
        ? [{ type: 'text' as const, text: message.content }]
        : reader.blocks(message.content, ['messages', index, 'content']);
    messages.push({ role: role ?? 'user', content });
  });
  const request: CanonicalRequest = {
    model: wire.model,
    messages,
    stream: wire.stream === true,
    // Anthropic streams always end with usage in message_delta
    includeUsage: true,
  };
  if (wire.max_tokens !== undefined) request.maxOutputTokens = wire.max_tokens;
  if (wire.tools) {
    const tools = readAnthropicTools(wire.tools, reader);
    if (tools.length > 0) request.tools = tools;
  }
  const choice = wire.tool_choice;
  if (choice) {
    if (choice.type === 'tool' && choice.name) request.toolChoice = { name: choice.name };
    else if (choice.type === 'tool')
      throw anthropicRefusal(['tool_choice', 'tool', 'name'], 'Field required');
    else if (choice.type === 'any') request.toolChoice = 'required';
    else if (choice.type === 'auto' || choice.type === 'none') request.toolChoice = choice.type;
    else reader.note(['tool_choice'], choice, unknownTag(choice.type, ['auto', 'any', 'none', 'tool']));
    if (choice.disable_parallel_tool_use) request.parallelToolCalls = false;
  }
  const unmodeled = Object.entries(body as Record<string, unknown>).filter(
    ([key]) => !Object.hasOwn(modeled, key),
  );
  if (unmodeled.length > 0) request.unmodeled = Object.fromEntries(unmodeled);
  if (reader.unmodeled.length > 0) request.unmodeledContent = reader.unmodeled;
  const responseFormat = structuredOutput(request.unmodeled);
  if (responseFormat) request.responseFormat = responseFormat;
  if (wire.temperature !== undefined) request.temperature = wire.temperature;
  if (wire.top_p !== undefined) request.topP = wire.top_p;
  if (wire.stop_sequences !== undefined) request.stop = wire.stop_sequences;
  if (wire.metadata?.user_id) request.user = endUser(wire.metadata.user_id);
  const reasoning = reasoningOf(wire, request.unmodeled);
  if (reasoning) request.reasoning = reasoning;
  return request;
}
