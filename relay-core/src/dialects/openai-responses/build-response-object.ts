import type { CanonicalResponse, FinishReason, Usage } from '../../canonical/types.js';
import { newId, outputText, reasoningItem, toolCallItem } from './build-output-item.js';
import type { ToolTable } from './build-output-item.js';

/**
 * Canonical usage → the Responses API's usage object. OpenAI types both details objects as always
 * there, but a figure the relay does not know is left out rather than sent as a 0: a details
 * object goes only with its first count known (`cached_tokens`, `reasoning_tokens`), the one
 * Codex needs inside it, and `cache_write_tokens` is added when known.
 */
export function encodeResponsesUsage(usage: Usage | undefined): Record<string, unknown> | null {
  if (!usage) return null;
  const input =
    usage.cacheReadTokens === undefined
      ? undefined
      : {
          cached_tokens: usage.cacheReadTokens,
          ...(usage.cacheWriteTokens === undefined ? {} : { cache_write_tokens: usage.cacheWriteTokens }),
        };
  return {
    input_tokens: usage.inputTokens,
    ...(input ? { input_tokens_details: input } : {}),
    output_tokens: usage.outputTokens,
    ...(usage.reasoningTokens === undefined
      ? {}
      : { output_tokens_details: { reasoning_tokens: usage.reasoningTokens } }),
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

/** The status and incomplete details a finish reason means in the Responses API. */
export function responseStatus(reason: FinishReason | undefined): {
  status: string;
  incomplete_details: { reason: string } | null;
} {
  if (reason === 'length')
    return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (reason === 'content_filter')
    return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  return { status: 'completed', incomplete_details: null };
}

export interface ResponseMeta {
  id: string;
  /** The model the client asked for (a route, an alias): the response's `model`. */
  model?: string;
  createdAt: number;
  previousResponseId?: string;
  store: boolean;
}

/**
 * The `response` object around a list of output items (shared by streamed and whole answers). Its
 * `model` is the one the client asked for, else the one that answered.
 */
export function buildResponseObject(
  meta: ResponseMeta,
  model: string,
  status: string,
  output: unknown[],
  usage: Usage | undefined,
  incompleteDetails: { reason: string } | null = null,
): Record<string, unknown> {
  return {
    id: meta.id,
    object: 'response',
    created_at: meta.createdAt,
    status,
    error: null,
    incomplete_details: incompleteDetails,
    instructions: null,
    max_output_tokens: null,
    model: meta.model || model,
    output,
    parallel_tool_calls: true,
    previous_response_id: meta.previousResponseId ?? null,
    reasoning: { effort: null, summary: null },
    store: meta.store,
    temperature: null,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: null,
    truncation: 'disabled',
    // absent rather than null until known: OpenAI's schema types usage as an object
    ...(usage ? { usage: encodeResponsesUsage(usage) } : {}),
    metadata: {},
  };
}

/**
 * Output items for a whole canonical answer, in its order: each reasoning part, text parts in a row
 * as one message, each tool call (namespaced or custom as the request's tool is), and the items a
 * Responses upstream sent that the relay does not model. A part a Responses upstream made is
 * answered with its own item, ids and all.
 */
export function outputItems(response: CanonicalResponse, tools: ToolTable): Array<Record<string, unknown>> {
  const items: Array<Record<string, unknown>> = [];
  let message: { content: unknown[]; [field: string]: unknown } | undefined;
  // the answer's token log probabilities belong to its (first) text
  let logprobs = response.logprobs ?? [];
  for (const part of response.content) {
    if (part.type !== 'text') message = undefined;
    if (part.type !== 'native' && part.responsesItem) {
      message = undefined;
      items.push(part.responsesItem);
      continue;
    }
    if (part.type === 'text') {
      if (!part.text) continue;
      if (!message) {
        message = { id: newId('msg'), type: 'message', role: 'assistant', status: 'completed', content: [] };
        items.push(message);
      }
      if (part.refusal) message.content.push({ type: 'refusal', refusal: part.text });
      else {
        message.content.push(outputText(part.text, logprobs));
        logprobs = [];
      }
    } else if (part.type === 'reasoning') {
      const item = reasoningItem(part, undefined);
      if ((item.summary as unknown[]).length > 0 || item.encrypted_content) items.push(item);
    } else if (part.type === 'tool_call') {
      items.push(toolCallItem(part, tools.get(part.name), undefined, 'completed'));
    } else if (part.dialect === 'openai-responses' && part.item) items.push(part.value);
  }
  return items;
}
