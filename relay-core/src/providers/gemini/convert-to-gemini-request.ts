import { RelayError } from '../../canonical/errors.js';
import { groupTurns } from '../shared/group-turns.js';
import { rejectUnsupported } from '../shared/reject-unsupported.js';
import { offeredTools } from '../shared/offered-tools.js';
import type { CanonicalRequest, ContentPart, ImagePart } from '../../canonical/types.js';

type Part = Record<string, unknown>;

const effortBudget = { none: 0, minimal: 512, low: 1024, medium: 8192, high: 24576, xhigh: 32768 } as const;

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
 * Builds a Gemini `generateContent` body: system prompts to `systemInstruction`, assistant turns
 * as role `model`, tool results as `functionResponse` parts named after the call they answer
 * (Gemini matches by name), thought signatures sent back on the parts that carried them.
 */
export function convertToGeminiRequest(request: CanonicalRequest, provider: string): Record<string, unknown> {
  rejectUnsupported(request, 'Gemini', {
    passthrough: ['frequency_penalty', 'presence_penalty'],
    parallelToolCallsOff: false,
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
  const { system, turns } = groupTurns<Part>(request, convertPart);
  const contents = turns.map((turn) => ({
    role: turn.role === 'assistant' ? 'model' : 'user',
    parts: turn.content,
  }));

  const generationConfig: Record<string, unknown> = {};
  if (request.temperature !== undefined) generationConfig.temperature = request.temperature;
  if (request.topP !== undefined) generationConfig.topP = request.topP;
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
  const budget =
    request.reasoning?.budgetTokens ??
    (request.reasoning?.effort ? effortBudget[request.reasoning.effort] : undefined);
  if (budget !== undefined)
    generationConfig.thinkingConfig = { thinkingBudget: budget, includeThoughts: budget > 0 };

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
  return body;
}
