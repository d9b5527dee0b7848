import { randomBytes } from 'node:crypto';
import type { CanonicalResponse, FinishReason, Usage } from '../../canonical/types.js';
import { splitRefusal } from '../../canonical/split-refusal.js';

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('hex')}`;
}

/** Canonical usage → the Responses API's usage object. */
export function encodeResponsesUsage(usage: Usage | undefined): Record<string, unknown> | null {
  if (!usage) return null;
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: {
      cached_tokens: usage.cacheReadTokens,
      cache_write_tokens: usage.cacheWriteTokens,
    },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
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

/** Output items for a whole canonical answer: reasoning summaries, one message, function calls. */
export function outputItems(response: CanonicalResponse): unknown[] {
  const items: unknown[] = [];
  const { text, refusal } = splitRefusal(response.content);
  const reasoning = response.content
    .flatMap((part) => (part.type === 'reasoning' && !part.redacted ? [part.text] : []))
    .join('');
  if (reasoning)
    items.push({ id: newId('rs'), type: 'reasoning', summary: [{ type: 'summary_text', text: reasoning }] });
  if (text || refusal) {
    items.push({
      id: newId('msg'),
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: [
        ...(text ? [{ type: 'output_text', text, annotations: [], logprobs: response.logprobs ?? [] }] : []),
        ...(refusal ? [{ type: 'refusal', refusal }] : []),
      ],
    });
  }
  for (const part of response.content) {
    if (part.type === 'tool_call') {
      items.push({
        id: newId('fc'),
        type: 'function_call',
        call_id: part.id,
        name: part.name,
        arguments: part.arguments,
        status: 'completed',
      });
    }
  }
  return items;
}
