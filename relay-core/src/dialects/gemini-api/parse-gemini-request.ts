import type {
  CanonicalRequest,
  CanonicalTool,
  GeminiUnmodeled,
  ReasoningEffort,
  ResponseFormat,
  ToolChoice,
} from '../../canonical/types.js';
import { isPlainObject } from '../../shared/is-plain-object.js';
import { parseWithSchema } from '../parse-with-schema.js';
import { camelCaseKeys } from './camel-case-keys.js';
import { convertGeminiContents } from './convert-gemini-contents.js';
import { convertGeminiSchema } from './convert-gemini-schema.js';
import { generateContentSchema } from './gemini-api-schema.js';
import type { GenerateContentWire } from './gemini-api-schema.js';
import { unmodeledConfig, unmodeledFields } from './gemini-unmodeled.js';

/** What a Gemini request's path says: the model, and whether the answer streams. */
export interface GeminiCall {
  model: string;
  stream: boolean;
}

export interface ParsedGeminiRequest {
  request: CanonicalRequest;
  /** The client asked to see thoughts (`thinkingConfig.includeThoughts`). */
  includeThoughts: boolean;
}

/** Google's wording for a field it cannot take. */
export const geminiInvalidValue = (param: string, message: string) =>
  `Invalid value at '${param}': ${message}`;

const levels: Record<string, ReasoningEffort> = {
  MINIMAL: 'minimal',
  LOW: 'low',
  MEDIUM: 'medium',
  HIGH: 'high',
};

function convertTools(wire: GenerateContentWire, unmodeled: GeminiUnmodeled): CanonicalTool[] {
  const tools: CanonicalTool[] = [];
  for (const { functionDeclarations, ...rest } of wire.tools ?? []) {
    for (const declaration of functionDeclarations ?? []) {
      const parameters =
        declaration.parametersJsonSchema ??
        (declaration.parameters ? convertGeminiSchema(declaration.parameters) : undefined);
      tools.push({
        name: declaration.name,
        ...(declaration.description ? { description: declaration.description } : {}),
        parameters: isPlainObject(parameters) ? parameters : { type: 'object', properties: {} },
      });
    }
    // googleSearch, codeExecution, urlContext, …: hosted tools the model may use, Gemini's own
    if (Object.values(rest).some((value) => value !== null && value !== undefined))
      unmodeled.tools.push(rest);
  }
  return tools;
}

/** `functionCallingConfig` as a tool choice; ANY with a list of names narrows the tools to them. */
function convertToolChoice(wire: GenerateContentWire, request: CanonicalRequest): ToolChoice | undefined {
  const config = wire.toolConfig?.functionCallingConfig;
  const mode = config?.mode?.toUpperCase();
  if (mode === 'NONE') return 'none';
  if (mode === 'AUTO' || mode === 'VALIDATED') return 'auto';
  if (mode !== 'ANY') return undefined;
  const names = config?.allowedFunctionNames ?? [];
  if (names.length === 1) return { name: names[0]! };
  if (names.length > 1 && request.tools)
    request.tools = request.tools.filter((tool) => names.includes(tool.name));
  return 'required';
}

function convertResponseFormat(wire: GenerateContentWire): ResponseFormat | undefined {
  const config = wire.generationConfig;
  if (config?.responseMimeType?.toLowerCase() !== 'application/json') return undefined;
  const json = config as { responseJsonSchema?: unknown };
  const schema = isPlainObject(json.responseJsonSchema)
    ? json.responseJsonSchema
    : config.responseSchema
      ? convertGeminiSchema(config.responseSchema)
      : undefined;
  return isPlainObject(schema) ? { type: 'json_schema', name: 'response', schema } : { type: 'json_object' };
}

/**
 * Validates a Gemini `generateContent` body (what Gemini CLI and `@google/genai` send, in either
 * field spelling) and converts it to the canonical request; the model and streaming come from the
 * path. What the canonical form does not carry is kept in `geminiUnmodeled`. A 400 names the
 * field the way Google does (`contents[0].parts[1].text`).
 */
export function parseGeminiRequest(body: unknown, call: GeminiCall): ParsedGeminiRequest {
  const normalized = camelCaseKeys(body);
  const wire = parseWithSchema(generateContentSchema, normalized, geminiInvalidValue);
  const unmodeled: GeminiUnmodeled = { fields: {}, tools: [], parts: [], refused: [] };
  const request: CanonicalRequest = {
    model: call.model,
    messages: convertGeminiContents(wire.contents, wire.systemInstruction, unmodeled),
    stream: call.stream,
    // every Gemini answer carries its usage
    includeUsage: true,
  };
  const tools = convertTools(wire, unmodeled);
  if (tools.length > 0) request.tools = tools;
  const choice = convertToolChoice(wire, request);
  if (choice !== undefined) request.toolChoice = choice;

  const config = wire.generationConfig;
  if (config) {
    if (config.temperature != null) request.temperature = config.temperature;
    if (config.topP != null) request.topP = config.topP;
    if (config.topK != null) request.topK = config.topK;
    if (config.maxOutputTokens != null) request.maxOutputTokens = config.maxOutputTokens;
    if (config.stopSequences?.length) request.stop = config.stopSequences;
    if (config.seed != null) request.seed = config.seed;
    // OpenAI's names for the same penalties (a zero penalty asks for nothing)
    const penalties = {
      presence_penalty: config.presencePenalty,
      frequency_penalty: config.frequencyPenalty,
    };
    for (const [name, value] of Object.entries(penalties))
      if (value) request.passthrough = { ...request.passthrough, [name]: value };
    const format = convertResponseFormat(wire);
    if (format) request.responseFormat = format;
    const thinking = config.thinkingConfig;
    const budget = thinking?.thinkingBudget;
    const level = levels[thinking?.thinkingLevel?.toUpperCase() ?? ''];
    // -1 asks for the model's own dynamic thinking: nothing to ask of another model
    if (budget === 0) request.reasoning = { effort: 'none' };
    else if (budget != null && budget > 0) request.reasoning = { budgetTokens: budget };
    else if (level) request.reasoning = { effort: level };
  }
  unmodeledConfig(wire, unmodeled);
  unmodeledFields(normalized as Record<string, unknown>, unmodeled);
  const { fields, tools: hosted, parts, refused } = unmodeled;
  if (Object.keys(fields).length + hosted.length + parts.length + refused.length > 0)
    request.geminiUnmodeled = unmodeled;
  return { request, includeThoughts: config?.thinkingConfig?.includeThoughts === true };
}
