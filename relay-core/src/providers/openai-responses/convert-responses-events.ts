import { RelayError } from '../../canonical/errors.js';
import type { RelayErrorCode } from '../../canonical/errors.js';
import type { FinishReason, StreamEvent, TokenLogprob, Usage } from '../../canonical/types.js';

interface ResponseWire {
  id?: string;
  model?: string;
  created_at?: number;
  status?: string;
  incomplete_details?: { reason?: string } | null;
  error?: { code?: string; message?: string } | null;
  output?: Array<Record<string, unknown>>;
  usage?: {
    input_tokens?: number;
    output_tokens?: number;
    input_tokens_details?: { cached_tokens?: number };
    output_tokens_details?: { reasoning_tokens?: number };
  } | null;
}

export interface ResponsesEventWire {
  type?: string;
  response?: ResponseWire;
  output_index?: number;
  content_index?: number;
  summary_index?: number;
  delta?: string;
  /** The delta's token log probabilities (`include: ['message.output_text.logprobs']`). */
  logprobs?: TokenLogprob[];
  item?: { type?: string; call_id?: string; name?: string; id?: string };
  code?: string;
  message?: string;
  /** Real streams nest the error (the spec's ResponseErrorEvent has it at the top level). */
  error?: { code?: string; message?: string };
}

/** Responses usage → canonical (cached input and reasoning output are subsets, as in Chat). */
export function convertResponsesUsage(usage: NonNullable<ResponseWire['usage']>): Usage {
  return {
    inputTokens: usage.input_tokens ?? 0,
    outputTokens: usage.output_tokens ?? 0,
    cacheReadTokens: usage.input_tokens_details?.cached_tokens ?? 0,
    cacheWriteTokens: 0,
    reasoningTokens: usage.output_tokens_details?.reasoning_tokens ?? 0,
  };
}

const errorCodes: Record<string, RelayErrorCode> = {
  insufficient_quota: 'UPSTREAM_QUOTA_EXCEEDED',
  rate_limit_exceeded: 'UPSTREAM_RATE_LIMITED',
  server_error: 'UPSTREAM_SERVER_ERROR',
  context_length_exceeded: 'UPSTREAM_CONTEXT_TOO_LONG',
};

/**
 * Converts Responses API stream events to canonical events: output items become parts
 * (`message` text per content index, `function_call`, `reasoning` summaries), in the order they
 * open. `response.completed` carries usage; `response.incomplete` ends as `length` or
 * `content_filter`; an `error` event or `response.failed` becomes a RelayError of its class.
 */
export class ResponsesEventConverter {
  private readonly parts = new Map<string, number>();
  private nextIndex = 0;
  private sawToolCall = false;
  done = false;

  constructor(private readonly provider: string) {}

  *convert(event: ResponsesEventWire): Generator<StreamEvent> {
    switch (event.type) {
      case 'response.created':
        yield {
          type: 'message_start',
          id: event.response?.id ?? '',
          model: event.response?.model ?? '',
          created: event.response?.created_at ?? Math.floor(Date.now() / 1000),
        };
        break;
      case 'response.output_item.added':
        if (event.item?.type === 'function_call') {
          this.sawToolCall = true;
          const index = this.open(`${event.output_index}`);
          yield {
            type: 'part_start',
            index,
            part: {
              type: 'tool_call',
              id: event.item.call_id ?? event.item.id ?? '',
              name: event.item.name ?? '',
            },
          };
        }
        break;
      case 'response.output_text.delta': {
        const key = `${event.output_index}:${event.content_index ?? 0}`;
        if (!this.parts.has(key)) yield { type: 'part_start', index: this.open(key), part: { type: 'text' } };
        if (event.delta) {
          const index = this.parts.get(key)!;
          yield event.logprobs?.length
            ? { type: 'text_delta', index, text: event.delta, logprobs: event.logprobs }
            : { type: 'text_delta', index, text: event.delta };
        }
        break;
      }
      case 'response.refusal.delta': {
        const key = `${event.output_index}:${event.content_index ?? 0}`;
        if (!this.parts.has(key))
          yield { type: 'part_start', index: this.open(key), part: { type: 'text', refusal: true } };
        if (event.delta) yield { type: 'text_delta', index: this.parts.get(key)!, text: event.delta };
        break;
      }
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta': {
        const key = `${event.output_index}`;
        if (!this.parts.has(key))
          yield { type: 'part_start', index: this.open(key), part: { type: 'reasoning' } };
        if (event.delta) yield { type: 'reasoning_delta', index: this.parts.get(key)!, text: event.delta };
        break;
      }
      case 'response.function_call_arguments.delta':
        if (event.delta)
          yield {
            type: 'tool_arguments_delta',
            index: this.parts.get(`${event.output_index}`) ?? 0,
            arguments: event.delta,
          };
        break;
      case 'response.output_item.done':
        for (const [key, index] of this.parts) {
          if (key === `${event.output_index}` || key.startsWith(`${event.output_index}:`)) {
            yield { type: 'part_end', index };
            this.parts.delete(key);
          }
        }
        break;
      case 'response.completed':
      case 'response.incomplete':
        yield* this.finish(event.response ?? {});
        break;
      case 'error':
        throw this.error(event.error?.code ?? event.code, event.error?.message ?? event.message);
      case 'response.failed':
        throw this.error(event.response?.error?.code, event.response?.error?.message);
      default:
        break;
    }
  }

  /** Events for a whole (non-streamed) response object. */
  *convertWhole(response: ResponseWire): Generator<StreamEvent> {
    yield* this.convert({ type: 'response.created', response });
    for (const [outputIndex, item] of (response.output ?? []).entries()) {
      if (item.type === 'message') {
        const contents =
          (item.content as Array<{
            type?: string;
            text?: string;
            refusal?: string;
            logprobs?: TokenLogprob[];
          }>) ?? [];
        for (const [contentIndex, content] of contents.entries()) {
          if (content.type === 'output_text')
            yield* this.convert({
              type: 'response.output_text.delta',
              output_index: outputIndex,
              content_index: contentIndex,
              delta: content.text,
              logprobs: content.logprobs,
            });
          else if (content.type === 'refusal')
            yield* this.convert({
              type: 'response.refusal.delta',
              output_index: outputIndex,
              content_index: contentIndex,
              delta: content.refusal,
            });
        }
      } else if (item.type === 'function_call') {
        yield* this.convert({
          type: 'response.output_item.added',
          output_index: outputIndex,
          item: item as ResponsesEventWire['item'],
        });
        yield* this.convert({
          type: 'response.function_call_arguments.delta',
          output_index: outputIndex,
          delta: String(item.arguments ?? ''),
        });
      } else if (item.type === 'reasoning') {
        const summary = ((item.summary as Array<{ text?: string }>) ?? []).map((s) => s.text ?? '').join('');
        if (summary)
          yield* this.convert({
            type: 'response.reasoning_summary_text.delta',
            output_index: outputIndex,
            delta: summary,
          });
      }
      yield* this.convert({ type: 'response.output_item.done', output_index: outputIndex });
    }
    if (response.status === 'failed') throw this.error(response.error?.code, response.error?.message);
    yield* this.finish(response);
  }

  private *finish(response: ResponseWire): Generator<StreamEvent> {
    for (const index of this.parts.values()) yield { type: 'part_end', index };
    this.parts.clear();
    if (response.usage) yield { type: 'usage', usage: convertResponsesUsage(response.usage) };
    let reason: FinishReason = this.sawToolCall ? 'tool_calls' : 'stop';
    const incomplete =
      response.status === 'incomplete' ? (response.incomplete_details?.reason ?? 'incomplete') : undefined;
    if (incomplete) reason = incomplete === 'content_filter' ? 'content_filter' : 'length';
    this.done = true;
    yield { type: 'finish', reason, raw: incomplete ?? response.status ?? 'completed' };
  }

  private open(key: string): number {
    const index = this.nextIndex++;
    this.parts.set(key, index);
    return index;
  }

  private error(code: unknown, message: unknown): RelayError {
    return new RelayError(
      (typeof code === 'string' && Object.hasOwn(errorCodes, code) && errorCodes[code]) ||
        'UPSTREAM_STREAM_ERROR',
      `${this.provider}: ${typeof message === 'string' ? message : 'the response failed'}`,
      {
        provider: this.provider,
      },
    );
  }
}
