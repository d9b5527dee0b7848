import { RelayError } from '../../canonical/errors.js';
import { groupTurns } from '../shared/group-turns.js';
import { rejectUnsupported } from '../shared/reject-unsupported.js';
import type { CanonicalRequest, ContentPart, GeminiUnmodeled, ImagePart } from '../../canonical/types.js';
import { isPlainObject } from '../../shared/is-plain-object.js';
import { offeredTools } from '../shared/offered-tools.js';

type Part = Record<string, unknown>;

/** Google's placeholder signature for function calls Gemini did not make (its thought-signatures guide). */
export const skipSignature = 'skip_thought_signature_validator';

function imagePart(part: ImagePart, param: string): Part {
  if (part.source.kind === 'base64')
    return { inlineData: { mimeType: part.source.mediaType, data: part.source.data } };
  // Gemini fetches only files it hosts (or gs://); a public http(s) URL is passed as fileData
  return { fileData: { fileUri: part.source.url, mimeType: guessMime(part.source.url, param) } };
}

function guessMime(url: string, param: string): string {
  const extension = /\.(png|jpe?g|webp|gif|heic|heif)(?:\?|$)/i.exec(url)?.[1]?.toLowerCase();
  if (!extension)
    throw new RelayError('BAD_REQUEST', 'Gemini needs the image type: send it as a base64 data URL', {
      param,
    });
  return extension === 'jpg' ? 'image/jpeg' : `image/${extension}`;
}

function parseArgs(text: string, param: string): unknown {
  try {
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new RelayError('BAD_REQUEST', 'tool call arguments must be valid JSON to be sent to Gemini', {
      param,
    });
  }
}

/**
 * Gemini 3 refuses a model turn whose first function call has no thought signature; a turn another
 * provider answered has none. Google's documented placeholder lets such history through.
 */
function signFirstCall(parts: Part[]): Part[] {
  const first = parts.findIndex((part) => part.functionCall !== undefined);
  if (first === -1 || parts[first]!.thoughtSignature !== undefined) return parts;
  return parts.map((part, i) => (i === first ? { ...part, thoughtSignature: skipSignature } : part));
}

/** A Gemini client's request converted (not sent as it came) still carries what the relay does not model. */
function withUnmodeled(body: Record<string, unknown>, unmodeled: GeminiUnmodeled): Record<string, unknown> {
  const [part] = unmodeled.parts;
  if (part)
    throw new RelayError(
      'BAD_REQUEST',
      `'${part.param}' reaches Gemini only in the client's own request, which the relay had to convert`,
      { param: part.param },
    );
  const { generationConfig, toolConfig, ...fields } = unmodeled.fields;
  const merged: Record<string, unknown> = { ...fields, ...body };
  const config = { ...(body.generationConfig as Record<string, unknown> | undefined) };
  if (isPlainObject(generationConfig)) {
    const { thinkingConfig, ...rest } = generationConfig;
    Object.assign(config, rest);
    if (isPlainObject(thinkingConfig))
      config.thinkingConfig = {
        ...(config.thinkingConfig as Record<string, unknown> | undefined),
        ...thinkingConfig,
      };
  }
  if (Object.keys(config).length > 0) merged.generationConfig = config;
  if (isPlainObject(toolConfig))
    merged.toolConfig = { ...(body.toolConfig as Record<string, unknown> | undefined), ...toolConfig };
  if (unmodeled.tools.length > 0)
    merged.tools = [...((body.tools as unknown[] | undefined) ?? []), ...unmodeled.tools];
  return merged;
}

/**
 * Builds a Gemini `generateContent` body: system prompts to `systemInstruction`, assistant turns
 * as role `model`, tool results as `functionResponse` parts named after the call they answer
 * (Gemini matches by name), thought signatures sent back on the parts that carried them.
 */
export function convertToGeminiRequest(request: CanonicalRequest, provider: string): Record<string, unknown> {
  rejectUnsupported(request, 'Gemini', {
    passthrough: ['frequency_penalty', 'presence_penalty'],
    parallelToolCallsOff: false,
    geminiUnmodeled: true,
  });
  const names = new Map<string, string>();
  for (const message of request.messages) {
    for (const part of message.content) if (part.type === 'tool_call') names.set(part.id, part.name);
  }
  const convertPart = (part: ContentPart, param: string): Part[] => {
    switch (part.type) {
      case 'text':
        return part.text === '' ? [] : [{ text: part.text }];
      case 'image':
        return [imagePart(part, param)];
      case 'reasoning':
        // thoughts are not sent back; their signatures ride on the parts below
        return [];
      case 'tool_call': {
        const signature = part.providerData?.thoughtSignature;
        return [
          {
            functionCall: { name: part.name, args: parseArgs(part.arguments, param) },
            ...(typeof signature === 'string' && (part.providerData?.provider ?? provider) === provider
              ? { thoughtSignature: signature }
              : {}),
          },
        ];
      }
      case 'native':
        // what only an OpenAI dialect reads (rejectUnsupported refused it when it was essential)
        return [];
      case 'tool_result': {
        const text = part.content.map((inner) => (inner.type === 'text' ? inner.text : '')).join('');
        let response: unknown;
        try {
          response = JSON.parse(text);
        } catch {
          response = { result: text };
        }
        if (response === null || typeof response !== 'object' || Array.isArray(response))
          response = { result: response };
        return [{ functionResponse: { name: names.get(part.toolCallId) ?? part.toolCallId, response } }];
      }
    }
  };
  // a system message after the conversation started stays where it is, as a system note
  const { system, turns } = groupTurns<Part>(request, convertPart, (text) => ({ text }));
  const contents = turns.map((turn) => ({
    role: turn.role === 'assistant' ? 'model' : 'user',
    parts: turn.role === 'assistant' ? signFirstCall(turn.content) : turn.content,
  }));

  const generationConfig: Record<string, unknown> = {};
  if (request.temperature !== undefined) generationConfig.temperature = request.temperature;
  if (request.topP !== undefined) generationConfig.topP = request.topP;
  if (request.topK !== undefined) generationConfig.topK = request.topK;
  if (request.maxOutputTokens !== undefined) generationConfig.maxOutputTokens = request.maxOutputTokens;
  if (request.stop !== undefined) generationConfig.stopSequences = request.stop;
  if (request.seed !== undefined) generationConfig.seed = request.seed;
  if (typeof request.passthrough?.frequency_penalty === 'number')
    generationConfig.frequencyPenalty = request.passthrough.frequency_penalty;
  if (typeof request.passthrough?.presence_penalty === 'number')
    generationConfig.presencePenalty = request.passthrough.presence_penalty;
  if (request.responseFormat?.type === 'json_object') generationConfig.responseMimeType = 'application/json';
  if (request.responseFormat?.type === 'json_schema') {
    generationConfig.responseMimeType = 'application/json';
    generationConfig.responseJsonSchema = request.responseFormat.schema;
  }
  // fitted to the model (pipeline/fit-request.ts): Gemini 2.5 takes a budget, Gemini 3 a level
  const { budgetTokens: budget, effort } = request.reasoning ?? {};
  if (budget !== undefined)
    generationConfig.thinkingConfig = { thinkingBudget: budget, includeThoughts: budget !== 0 };
  else if (effort !== undefined && effort !== 'none')
    generationConfig.thinkingConfig = { thinkingLevel: effort, includeThoughts: true };

  const body: Record<string, unknown> = { contents };
  if (system.length > 0) body.systemInstruction = { parts: system };
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  const tools = offeredTools(request, 'Gemini');
  if (tools.length > 0) {
    body.tools = [
      {
        functionDeclarations: tools.map((tool) => ({
          name: tool.name,
          ...(tool.description === undefined ? {} : { description: tool.description }),
          parametersJsonSchema: tool.parameters,
        })),
      },
    ];
  }
  const choice = request.toolChoice;
  if (choice !== undefined) {
    body.toolConfig = {
      functionCallingConfig:
        typeof choice === 'object'
          ? { mode: 'ANY', allowedFunctionNames: [choice.name] }
          : { mode: choice === 'required' ? 'ANY' : choice === 'none' ? 'NONE' : 'AUTO' },
    };
  }
  return request.geminiUnmodeled ? withUnmodeled(body, request.geminiUnmodeled) : body;
}
