import { RelayError } from '../../canonical/errors.js';
import { groupTurns } from '../shared/group-turns.js';
import { rejectUnsupported } from '../shared/reject-unsupported.js';
import { toolLoopLacksThinking } from '../shared/tool-loop-thinking.js';
import { offeredTools } from '../shared/offered-tools.js';
import type { CanonicalRequest, ContentPart, ImagePart } from '../../canonical/types.js';

type Block = Record<string, unknown>;

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

/** Bedrock's blocks, told apart by their one key. */
const bedrockBlocks = {
  isToolCall: (block: unknown) => (block as Block).toolUse !== undefined,
  isToolResult: (block: unknown) => (block as Block).toolResult !== undefined,
  isThinking: (block: unknown) => (block as Block | undefined)?.reasoningContent !== undefined,
};

function convertPart(part: ContentPart, provider: string, param: string): Block[] {
  switch (part.type) {
    case 'text':
      return part.text === '' ? [] : [{ text: part.text }];
    case 'image':
      return [imageBlock(part, param)];
    case 'reasoning':
      // only this provider's own signatures verify here (Anthropic's do not)
      if (part.provider !== provider) return [];
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
  const { system, turns: messages } = groupTurns<Block>(
    request,
    (part, param) => convertPart(part, provider, param),
    (text) => ({ text }),
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
  // fitted to the model (pipeline/fit-request.ts): only Claude models are sent reasoning, as a
  // budget before adaptive thinking and as an effort level after
  const { budgetTokens: budget = 0, effort = 'none' } = request.reasoning ?? {};
  const fields: Record<string, unknown> = {};
  if (budget > 0) fields.thinking = { type: 'enabled', budget_tokens: budget };
  else if (effort !== 'none') fields.thinking = { type: 'adaptive' };
  if (effort !== 'none') fields.output_config = { effort };
  // reasoning another provider wrote was left out above: a tool loop may have lost its thinking
  if (fields.thinking && !toolLoopLacksThinking(messages, bedrockBlocks))
    body.additionalModelRequestFields = fields;
  return body;
}
