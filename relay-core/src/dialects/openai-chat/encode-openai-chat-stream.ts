import type { CanonicalRequest, StreamEvent, TokenLogprob, Usage } from '../../canonical/types.js';
import { chatToolCall, isChatCustom } from './encode-openai-chat-response.js';
import type { RelayError } from '../../canonical/errors.js';
import { encodeOpenAIError } from './encode-openai-error.js';
import { encodeOpenAIUsage } from './encode-openai-usage.js';
import { toOpenAIFinishReason } from './map-finish-reason.js';

/**
 * Encodes canonical stream events as OpenAI `chat.completion.chunk` SSE frames. Tool calls are
 * numbered from 0 in the order they open, as OpenAI does. Usage is sent as a final chunk with
 * empty `choices` only when the client asked for it (`stream_options.include_usage`). Every chunk's
 * `model` is `requestedModel`, the name the client asked for, when there is one.
 */
export class OpenAIChatStreamEncoder {
  private id = 'chatcmpl-relay';
  private model = '';
  private created = 0;
  private readonly toolIndex = new Map<number, number>();
  /** Parts that are the model's refusal: their text goes in `delta.refusal`. */
  private readonly refusals = new Set<number>();
  private usage: Usage | undefined;
  /** Calls to a Chat client's custom tools: their text is sent whole once the call ends. */
  private readonly custom = new Map<number, { id: string; name: string; arguments: string }>();

  constructor(
    private readonly includeUsage: boolean,
    private readonly requestedModel?: string,
    /** The request's tools: a call to a Chat client's custom tool is answered as one. */
    private readonly request?: CanonicalRequest,
  ) {}

  /** Returns the SSE text for one event ('' when the event has no OpenAI counterpart). */
  encode(event: StreamEvent): string {
    switch (event.type) {
      case 'message_start':
        this.id = event.id || this.id;
        this.model = this.requestedModel || event.model;
        this.created = event.created;
        this.prefix = undefined;
        return this.chunk({ role: 'assistant', content: '' }, null);
      case 'text_delta':
        if (this.refusals.has(event.index)) return this.chunk({ refusal: event.text }, null);
        return this.chunk({ content: event.text }, null, event.logprobs);
      case 'reasoning_delta':
        return this.chunk({ reasoning_content: event.text }, null);
      case 'part_start': {
        if (event.part.type === 'text' && event.part.refusal) this.refusals.add(event.index);
        if (event.part.type !== 'tool_call') return '';
        const index = this.toolIndex.size;
        this.toolIndex.set(event.index, index);
        const { id, name } = event.part;
        if (isChatCustom(this.request?.tools?.find((tool) => tool.name === name))) {
          this.custom.set(event.index, { id, name, arguments: '' });
          return '';
        }
        return this.chunk(
          {
            tool_calls: [
              {
                index,
                id: event.part.id,
                type: 'function',
                function: { name: event.part.name, arguments: '' },
              },
            ],
          },
          null,
        );
      }
      case 'tool_arguments_delta': {
        const custom = this.custom.get(event.index);
        if (custom) {
          custom.arguments += event.arguments;
          return '';
        }
        const index = this.toolIndex.get(event.index) ?? 0;
        return this.chunk({ tool_calls: [{ index, function: { arguments: event.arguments } }] }, null);
      }
      case 'part_end': {
        const custom = this.custom.get(event.index);
        if (!custom) return '';
        this.custom.delete(event.index);
        const index = this.toolIndex.get(event.index) ?? 0;
        return this.chunk({ tool_calls: [{ index, ...chatToolCall(custom, this.request) }] }, null);
      }
      case 'usage':
        this.usage = event.usage;
        return '';
      case 'finish': {
        let out = this.chunk({}, toOpenAIFinishReason(event.reason));
        if (this.includeUsage && this.usage)
          out += this.frame({ ...this.base(), choices: [], usage: encodeOpenAIUsage(this.usage) });
        return out + 'data: [DONE]\n\n';
      }
      default:
        return '';
    }
  }

  /**
   * An error after the stream began: OpenAI's chat stream has no error event, so the relay sends
   * a chunk carrying `error` (as OpenRouter does); the official SDKs raise it as an APIError.
   */
  encodeError(error: RelayError, message: string = error.message): string {
    return this.frame(encodeOpenAIError(error, message));
  }

  private base() {
    return { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.model };
  }

  /** The bytes every chunk starts with, up to its delta (the same for the whole stream). */
  private prefix: string | undefined;

  // the same bytes as JSON.stringify of the whole chunk, without re-serialising its fixed part for
  // each of a stream's hundreds of chunks
  private chunk(
    delta: Record<string, unknown>,
    finishReason: string | null,
    logprobs?: TokenLogprob[],
  ): string {
    this.prefix ??= `data: ${JSON.stringify(this.base()).slice(0, -1)},"choices":[{"index":0,"delta":`;
    const probabilities = logprobs ? JSON.stringify({ content: logprobs, refusal: null }) : 'null';
    return `${this.prefix}${JSON.stringify(delta)},"logprobs":${probabilities},"finish_reason":${JSON.stringify(finishReason)}}]}\n\n`;
  }

  private frame(value: unknown): string {
    return `data: ${JSON.stringify(value)}\n\n`;
  }
}
