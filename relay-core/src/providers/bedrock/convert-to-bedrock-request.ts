import { RelayError } from '../../canonical/errors.js';
import { groupTurns } from '../shared/group-turns.js';
import { rejectUnsupported } from '../shared/reject-unsupported.js';
import { offeredTools } from '../shared/offered-tools.js';
import type { CanonicalRequest, ContentPart, ImagePart } from '../../canonical/types.js';

type Block = Record<string, unknown>;

const effortBudget = { none: 0, minimal: 1024, low: 2048, medium: 8192, high: 16384, xhigh: 32768 } as const;

function imageBlock(part: ImagePart, param: string): Block {
  if (part.source.kind !== 'base64') {
    throw new RelayError('BAD_REQUEST', 'Bedrock accepts images as base64 data URLs only', { param });
  }
  const format = part.source.mediaType.replace(/^image\//, '').replace('jpg', 'jpeg');
  return { image: { format, source: { bytes: part.source.data } } };
}

function parseInput(text: string, param: string): unknown {
  try {
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new RelayError('BAD_REQUEST', 'tool call arguments must be valid JSON to be sent to Bedrock', {
      param,
    });
  }
}

function convertPart(part: ContentPart, provider: string, param: string): Block[] {
  switch (part.type) {
    case 'text':
      return part.text === '' ? [] : [{ text: part.text }];
    case 'image':
      return [imageBlock(part, param)];
    case 'reasoning':
      if (part.provider !== undefined && part.provider !== provider) return [];
      if (part.redacted) return part.data ? [{ reasoningContent: { redactedContent: part.data } }] : [];
      return part.signature
        ? [{ reasoningContent: { reasoningText: { text: part.text, signature: part.signature } } }]
        : [];
    case 'tool_call':
      return [{ toolUse: { toolUseId: part.id, name: part.name, input: parseInput(part.arguments, param) } }];
    case 'native':
      // what only an OpenAI dialect reads (rejectUnsupported refused it when it was essential)
      return [];
    case 'tool_result':
      return [
        {
          toolResult: {
            toolUseId: part.toolCallId,
            content: part.content.map((inner) =>
              inner.type === 'text' ? { text: inner.text } : imageBlock(inner, param),
            ),
            ...(part.isError ? { status: 'error' } : {}),
          },
        },
      ];
  }
}

/**
 * Builds a Bedrock Converse body: system prompts to `system`, tool results as user turns,
 * consecutive same-role turns merged, sampling in `inferenceConfig`, thinking for Anthropic
 * models through `additionalModelRequestFields`.
 */
export function convertToBedrockRequest(
  request: CanonicalRequest,
  provider: string,
): Record<string, unknown> {
  rejectUnsupported(request, 'Bedrock', { parallelToolCallsOff: false });
  const { system, turns: messages } = groupTurns<Block>(request, (part, param) =>
    convertPart(part, provider, param),
  );
  if (request.responseFormat && request.responseFormat.type !== 'text') {
    throw new RelayError(
      'BAD_REQUEST',
      `response_format '${request.responseFormat.type}' is not supported by Bedrock upstreams yet`,
      {
        param: 'response_format',
      },
    );
  }
  const inferenceConfig: Record<string, unknown> = {};
  if (request.maxOutputTokens !== undefined) inferenceConfig.maxTokens = request.maxOutputTokens;
  if (request.temperature !== undefined) inferenceConfig.temperature = request.temperature;
  if (request.topP !== undefined) inferenceConfig.topP = request.topP;
  if (request.stop !== undefined) inferenceConfig.stopSequences = request.stop;
  const body: Record<string, unknown> = { messages, system, inferenceConfig };
  const tools = offeredTools(request, 'Bedrock');
  if (tools.length > 0) {
    const choice = request.toolChoice;
    if (choice === 'none') {
      throw new RelayError('BAD_REQUEST', "Bedrock has no tool_choice 'none'; leave the tools out instead", {
        param: 'tool_choice',
      });
    }
    body.toolConfig = {
      tools: tools.map((tool) => ({
        toolSpec: {
          name: tool.name,
          ...(tool.description ? { description: tool.description } : {}),
          inputSchema: { json: tool.parameters },
        },
      })),
      ...(choice === undefined
        ? {}
        : {
            toolChoice:
              typeof choice === 'object'
                ? { tool: { name: choice.name } }
                : choice === 'required'
                  ? { any: {} }
                  : { auto: {} },
          }),
    };
  }
  const budget =
    request.reasoning?.budgetTokens ??
    (request.reasoning?.effort ? effortBudget[request.reasoning.effort] : 0);
  if (budget > 0)
    body.additionalModelRequestFields = { thinking: { type: 'enabled', budget_tokens: budget } };
  return body;
}
