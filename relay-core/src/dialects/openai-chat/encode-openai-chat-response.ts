import { unwrapCustomInput } from '../../canonical/custom-tool-input.js';
import type { CanonicalRequest, CanonicalResponse, CanonicalTool } from '../../canonical/types.js';
import { encodeOpenAIUsage } from './encode-openai-usage.js';
import { toOpenAIFinishReason } from './map-finish-reason.js';

/** A call to a Chat client's own custom tool is answered as one: its text, not JSON arguments. */
export function isChatCustom(tool: CanonicalTool | undefined): boolean {
  return tool?.kind === 'custom' && tool.chatTool !== undefined;
}

/** A tool call in a Chat answer: a function's, or a custom tool's text. */
export function chatToolCall(
  call: { id: string; name: string; arguments: string },
  request: CanonicalRequest | undefined,
): Record<string, unknown> {
  const tool = request?.tools?.find((candidate) => candidate.name === call.name);
  return isChatCustom(tool)
    ? { id: call.id, type: 'custom', custom: { name: call.name, input: unwrapCustomInput(call.arguments) } }
    : { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } };
}

/**
 * Encodes a canonical response as an OpenAI `chat.completion` object. Its `model` is the name the
 * client asked for (a route, an alias); `x-relay-model` says which model answered.
 */
export function encodeOpenAIChatResponse(
  response: CanonicalResponse,
  request?: CanonicalRequest,
): Record<string, unknown> {
  let text: string | null = null;
  let refusal: string | null = null;
  let reasoning: string | undefined;
  const toolCalls: Array<Record<string, unknown>> = [];
  for (const part of response.content) {
    if (part.type === 'text' && part.refusal) refusal = (refusal ?? '') + part.text;
    else if (part.type === 'text') text = (text ?? '') + part.text;
    else if (part.type === 'reasoning' && !part.redacted) reasoning = (reasoning ?? '') + part.text;
    else if (part.type === 'tool_call') toolCalls.push(chatToolCall(part, request));
  }
  const message: Record<string, unknown> = { role: 'assistant', content: text, refusal };
  // DeepSeek's field name; OpenAI clients that know reasoning (Continue, LangChain) read it
  if (reasoning !== undefined) message.reasoning_content = reasoning;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  const body: Record<string, unknown> = {
    id: response.id || 'chatcmpl-relay',
    object: 'chat.completion',
    created: response.created,
    model: request?.model || response.model,
    choices: [
      {
        index: 0,
        message,
        logprobs: response.logprobs ? { content: response.logprobs, refusal: null } : null,
        finish_reason: toOpenAIFinishReason(response.finishReason),
      },
    ],
  };
  if (response.usage) body.usage = encodeOpenAIUsage(response.usage);
  return body;
}
