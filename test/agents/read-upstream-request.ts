import { instanceOf } from '../../relay-core/src/emulator/synthesized/schema-answer.js';

/** The four wire formats a scripted upstream answers in. */
export type UpstreamDialect = 'openai-chat' | 'openai-responses' | 'anthropic' | 'gemini';

type Json = Record<string, unknown>;

/** What a scripted upstream needs to know of a request, whatever dialect carried it. */
export interface UpstreamTurn {
  dialect: UpstreamDialect;
  model: string;
  stream: boolean;
  /** The names of the tools the request offers the model. */
  tools: string[];
  /** The text results of the tool calls already answered in the conversation. */
  toolResults: string[];
  /** The whole body as text, to look for the task's marker. */
  text: string;
  /** JSON the request asks for (structured output), as an instance of its schema. */
  json?: string;
  /** Anthropic: the signatures of the thinking blocks the conversation carries back. */
  thinkingSignatures: string[];
  /** Gemini: the thought signatures carried back on function-call parts. */
  thoughtSignatures: string[];
  /** The output limit the request asks for, and the field that carries it. */
  maxOutput?: { field: string; value: number };
  /** The reasoning parameter the request carries, if any. */
  reasoningField?: string;
}

const asArray = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const asObject = (value: unknown): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};

const limit = (field: string, value: unknown) =>
  typeof value === 'number' ? { maxOutput: { field, value } } : {};

/** The text of a tool result in any of the dialects' shapes (a string, or parts with text). */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textOf).join('');
  const object = asObject(value);
  if (typeof object.text === 'string') return object.text;
  if (typeof object.output === 'string') return object.output;
  return JSON.stringify(value ?? '');
}

function chatTurn(body: Json): Partial<UpstreamTurn> {
  const messages = asArray(body.messages);
  const format = asObject(body.response_format);
  const limitField = body.max_completion_tokens !== undefined ? 'max_completion_tokens' : 'max_tokens';
  return {
    ...limit(limitField, body[limitField]),
    ...(body.reasoning_effort !== undefined ? { reasoningField: 'reasoning_effort' } : {}),
    tools: asArray(body.tools).map((tool) =>
      String(asObject(tool.function ?? tool.custom).name ?? tool.name),
    ),
    toolResults: messages
      .filter((message) => message.role === 'tool')
      .map((message) => textOf(message.content)),
    json:
      format.type === 'json_schema'
        ? JSON.stringify(instanceOf(asObject(format.json_schema).schema as never))
        : format.type === 'json_object'
          ? '{}'
          : undefined,
  };
}

function responsesTurn(body: Json): Partial<UpstreamTurn> {
  const input = asArray(body.input);
  const format = asObject(asObject(body.text).format);
  const reasoning = asObject(body.reasoning);
  const tools: string[] = [];
  for (const tool of asArray(body.tools)) {
    if (tool.type === 'namespace')
      for (const inner of asArray(tool.tools)) tools.push(`${String(tool.name)}.${String(inner.name)}`);
    else if (typeof tool.name === 'string') tools.push(tool.name);
  }
  return {
    ...limit('max_output_tokens', body.max_output_tokens),
    ...(reasoning.effort !== undefined ? { reasoningField: 'reasoning.effort' } : {}),
    tools,
    toolResults: input
      .filter((item) => item.type === 'function_call_output' || item.type === 'custom_tool_call_output')
      .map((item) => textOf(item.output)),
    json: format.type === 'json_schema' ? JSON.stringify(instanceOf(format.schema as never)) : undefined,
  };
}

function anthropicTurn(body: Json): Partial<UpstreamTurn> {
  const blocks = asArray(body.messages).flatMap((message) => asArray(message.content));
  const config = asObject(body.output_config);
  const format = asObject(config.format ?? body.output_format);
  return {
    ...limit('max_tokens', body.max_tokens),
    ...(body.thinking !== undefined && asObject(body.thinking).type !== 'disabled'
      ? { reasoningField: 'thinking' }
      : {}),
    tools: asArray(body.tools).map((tool) => String(tool.name)),
    toolResults: blocks.filter((block) => block.type === 'tool_result').map((block) => textOf(block.content)),
    thinkingSignatures: blocks
      .filter((block) => block.type === 'thinking' && typeof block.signature === 'string')
      .map((block) => String(block.signature)),
    json: format.type === 'json_schema' ? JSON.stringify(instanceOf(format.schema as never)) : undefined,
  };
}

function geminiTurn(body: Json): Partial<UpstreamTurn> {
  const parts = asArray(body.contents).flatMap((content) => asArray(content.parts));
  const config = asObject(body.generationConfig);
  const schema = config.responseJsonSchema ?? config.responseSchema;
  return {
    ...limit('generationConfig.maxOutputTokens', config.maxOutputTokens),
    ...(config.thinkingConfig !== undefined ? { reasoningField: 'generationConfig.thinkingConfig' } : {}),
    tools: asArray(body.tools).flatMap((tool) =>
      asArray(tool.functionDeclarations).map((declaration) => String(declaration.name)),
    ),
    toolResults: parts
      .filter((part) => part.functionResponse !== undefined)
      .map((part) => textOf(asObject(part.functionResponse).response)),
    thoughtSignatures: parts
      .filter((part) => part.functionCall !== undefined && typeof part.thoughtSignature === 'string')
      .map((part) => String(part.thoughtSignature)),
    json:
      schema !== undefined
        ? JSON.stringify(instanceOf(schema as never))
        : config.responseMimeType === 'application/json'
          ? '{}'
          : undefined,
  };
}

/**
 * Reads a request to a scripted upstream. `path` decides the dialect (and, for Gemini, carries the
 * model and whether it streams).
 */
export function readUpstreamRequest(path: string, body: Json): UpstreamTurn | undefined {
  const gemini = /\/models\/([^/:]+):(streamGenerateContent|generateContent)/.exec(path);
  const dialect: UpstreamDialect | undefined = gemini
    ? 'gemini'
    : path.endsWith('/chat/completions')
      ? 'openai-chat'
      : path.endsWith('/responses')
        ? 'openai-responses'
        : path.endsWith('/messages')
          ? 'anthropic'
          : undefined;
  if (!dialect) return undefined;
  const read = {
    'openai-chat': chatTurn,
    'openai-responses': responsesTurn,
    anthropic: anthropicTurn,
    gemini: geminiTurn,
  };
  return {
    dialect,
    model: gemini ? decodeURIComponent(gemini[1]!) : String(body.model ?? ''),
    stream: gemini ? gemini[2] === 'streamGenerateContent' : body.stream === true,
    tools: [],
    toolResults: [],
    thinkingSignatures: [],
    thoughtSignatures: [],
    text: JSON.stringify(body),
    ...read[dialect](body),
  };
}
