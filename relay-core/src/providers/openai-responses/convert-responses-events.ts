import { RelayError } from '../../canonical/errors.js';
import type { RelayErrorCode } from '../../canonical/errors.js';
import {
  customInputClosing,
  customInputOpening,
  wrapCustomInputPiece,
} from '../../canonical/custom-tool-input.js';
import type { FinishReason, StreamEvent, TokenLogprob, Usage } from '../../canonical/types.js';
import { knownCounts, readCount } from '../../canonical/usage-counts.js';
import type { WireCount } from '../../canonical/usage-counts.js';

type Item = Record<string, unknown>;

/** The canonical name of a tool the model called by its own name and, maybe, namespace. */
export type ToolNamer = (name: string, namespace?: string) => string;

interface ResponseWire {
  id?: string;
  model?: string;
  created_at?: number;
  status?: string;
  incomplete_details?: { reason?: string } | null;
  error?: { code?: string; message?: string } | null;
  output?: Array<Record<string, unknown>>;
  usage?: {
    input_tokens?: WireCount;
    output_tokens?: WireCount;
    input_tokens_details?: { cached_tokens?: WireCount; cache_write_tokens?: WireCount } | null;
    output_tokens_details?: { reasoning_tokens?: WireCount } | null;
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
  item?: Item;
  code?: string;
  message?: string;
  /** Real streams nest the error (the spec's ResponseErrorEvent has it at the top level). */
  error?: { code?: string; message?: string };
}

/**
 * Responses usage → canonical: cache reads and writes are parts of the input, reasoning of the
 * output, as in Chat; a detail the upstream leaves out stays absent.
 */
export function convertResponsesUsage(usage: NonNullable<ResponseWire['usage']>): Usage {
  return {
    inputTokens: readCount(usage.input_tokens) ?? 0,
    outputTokens: readCount(usage.output_tokens) ?? 0,
    ...knownCounts({
      cacheReadTokens: usage.input_tokens_details?.cached_tokens,
      cacheWriteTokens: usage.input_tokens_details?.cache_write_tokens,
      reasoningTokens: usage.output_tokens_details?.reasoning_tokens,
    }),
  };
}

const errorCodes: Record<string, RelayErrorCode> = {
  insufficient_quota: 'UPSTREAM_QUOTA_EXCEEDED',
  rate_limit_exceeded: 'UPSTREAM_RATE_LIMITED',
  server_error: 'UPSTREAM_SERVER_ERROR',
  context_length_exceeded: 'UPSTREAM_CONTEXT_TOO_LONG',
};

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Converts Responses API stream events to canonical events: output items become parts (`message`
 * text per content index, `function_call` and `custom_tool_call` as tool calls under their
 * canonical names, `reasoning` summaries), in the order they open, and each part ends with the item
 * the upstream made of it, for a Responses client. An item the canonical form does not model (a
 * `web_search_call`, reasoning with no summary) arrives whole as a native part.
 * `response.completed` carries usage; `response.incomplete` ends as `length` or `content_filter`;
 * an `error` event or `response.failed` becomes a RelayError of its class.
 */
export class ResponsesEventConverter {
  private readonly parts = new Map<string, number>();
  /** Custom tool calls by output index: their text is wrapped as `{"input": …}` arguments. */
  private readonly custom = new Set<number>();
  /**
   * Messages and reasoning as the upstream opened them, by output index, until their first part
   * opens: the part carries the item's id, so a client sees one id from `added` to `done`.
   */
  private readonly added = new Map<number, Item>();
  private nextIndex = 0;
  private sawToolCall = false;
  done = false;

  constructor(
    private readonly provider: string,
    private readonly toolName: ToolNamer = (name) => name,
  ) {}

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
      case 'response.output_item.added': {
        const item = event.item ?? {};
        if (item.type === 'message' || item.type === 'reasoning')
          this.added.set(event.output_index ?? 0, item);
        if (item.type !== 'function_call' && item.type !== 'custom_tool_call') break;
        this.sawToolCall = true;
        const index = this.open(`${event.output_index}`);
        const name = this.toolName(text(item.name) ?? '', text(item.namespace));
        const id = text(item.call_id) ?? text(item.id) ?? '';
        yield { type: 'part_start', index, part: { type: 'tool_call', id, name, responsesItem: item } };
        if (item.type === 'custom_tool_call') {
          this.custom.add(event.output_index ?? 0);
          yield { type: 'tool_arguments_delta', index, arguments: customInputOpening };
        }
        break;
      }
      case 'response.output_text.delta': {
        const key = `${event.output_index}:${event.content_index ?? 0}`;
        if (!this.parts.has(key))
          yield { type: 'part_start', index: this.open(key), part: { type: 'text', ...this.opened(event) } };
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
          yield {
            type: 'part_start',
            index: this.open(key),
            part: { type: 'text', refusal: true, ...this.opened(event) },
          };
        if (event.delta) yield { type: 'text_delta', index: this.parts.get(key)!, text: event.delta };
        break;
      }
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta': {
        const key = `${event.output_index}`;
        if (!this.parts.has(key))
          yield {
            type: 'part_start',
            index: this.open(key),
            part: { type: 'reasoning', ...this.opened(event) },
          };
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
      case 'response.custom_tool_call_input.delta':
        if (event.delta)
          yield {
            type: 'tool_arguments_delta',
            index: this.parts.get(`${event.output_index}`) ?? 0,
            arguments: wrapCustomInputPiece(event.delta),
          };
        break;
      case 'response.output_item.done':
        yield* this.itemDone(event.output_index ?? 0, event.item);
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

  /**
   * Ends an item's parts; the first carries the finished item (a message's only when it is the
   * message's one part). An item no part stood for arrives whole, as a native part.
   */
  private *itemDone(outputIndex: number, item: Item | undefined): Generator<StreamEvent> {
    const keys = [...this.parts.keys()].filter(
      (key) => key === `${outputIndex}` || key.startsWith(`${outputIndex}:`),
    );
    if (this.custom.delete(outputIndex) && keys[0] !== undefined)
      yield { type: 'tool_arguments_delta', index: this.parts.get(keys[0])!, arguments: customInputClosing };
    const whole =
      item && (item.type !== 'message' || (Array.isArray(item.content) && item.content.length === 1));
    for (const [n, key] of keys.entries()) {
      const index = this.parts.get(key)!;
      this.parts.delete(key);
      yield n === 0 && whole ? { type: 'part_end', index, responsesItem: item } : { type: 'part_end', index };
    }
    if (keys.length > 0 || !item || item.type === 'message') return;
    const index = this.nextIndex++;
    yield {
      type: 'part_start',
      index,
      part: { type: 'native', dialect: 'openai-responses', item: true, value: item },
    };
    yield { type: 'part_end', index };
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
      } else if (item.type === 'function_call' || item.type === 'custom_tool_call') {
        yield* this.convert({ type: 'response.output_item.added', output_index: outputIndex, item });
        const custom = item.type === 'custom_tool_call';
        yield* this.convert({
          type: custom ? 'response.custom_tool_call_input.delta' : 'response.function_call_arguments.delta',
          output_index: outputIndex,
          delta: String((custom ? item.input : item.arguments) ?? ''),
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
      yield* this.convert({ type: 'response.output_item.done', output_index: outputIndex, item });
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

  /** The item the upstream opened a part's output with, for its first part only (one id, one output item). */
  private opened(event: ResponsesEventWire): { responsesItem?: Item } {
    const outputIndex = event.output_index ?? 0;
    const item = this.added.get(outputIndex);
    this.added.delete(outputIndex);
    return item ? { responsesItem: item } : {};
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
