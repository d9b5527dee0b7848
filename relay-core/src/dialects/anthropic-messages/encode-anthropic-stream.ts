import type { RelayError } from '../../canonical/errors.js';
import { markSignature } from '../../canonical/reasoning-signature.js';
import type { CanonicalRequest, StreamEvent, Usage } from '../../canonical/types.js';
import { quickInputTokens } from '../../tokens/estimate-tokens.js';
import type { StreamEncoder } from '../dialect-codec.js';
import { encodeAnthropicError } from './encode-anthropic-error.js';
import { anthropicMessageId, encodeAnthropicUsage, toAnthropicStopReason } from './encode-anthropic-usage.js';

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Encodes canonical events as Anthropic's Messages stream: message_start, ping, numbered content
 * blocks (start, deltas, stop), message_delta with the stop reason and cumulative usage, and
 * message_stop. Tool input streams as `input_json_delta` pieces as they arrive, never buffered.
 * Block indices are renumbered from 0 so they stay contiguous whatever the upstream skipped.
 * `message_start` names the model the client asked for (`request.model`), when there is one.
 */
export class AnthropicStreamEncoder implements StreamEncoder {
  private readonly blocks = new Map<number, number>();
  /** Thinking whose signature another provider issues, until its first piece is marked with it. */
  private readonly foreign = new Map<number, string>();
  private nextBlock = 0;
  private usage: Usage | undefined;

  constructor(private readonly request?: CanonicalRequest) {}

  encode(event: StreamEvent): string {
    switch (event.type) {
      case 'message_start':
        return (
          frame('message_start', {
            type: 'message_start',
            message: {
              id: anthropicMessageId(event.id),
              type: 'message',
              role: 'assistant',
              model: this.request?.model || event.model,
              content: [],
              stop_reason: null,
              stop_sequence: null,
              usage: this.startUsage(event.usage),
            },
          }) + frame('ping', { type: 'ping' })
        );
      case 'part_start': {
        // an OpenAI item the canonical form does not model (a web_search_call) has no Anthropic block
        if (event.part.type === 'native') return '';
        const index = this.nextBlock++;
        this.blocks.set(event.index, index);
        const part = event.part;
        const block =
          part.type === 'text'
            ? { type: 'text', text: '' }
            : part.type === 'tool_call'
              ? { type: 'tool_use', id: part.id, name: part.name, input: {} }
              : part.redacted
                ? { type: 'redacted_thinking', data: markSignature(part.data ?? '', part.provider) }
                : { type: 'thinking', thinking: '', signature: '' };
        if (part.type === 'reasoning' && !part.redacted && part.provider)
          this.foreign.set(event.index, part.provider);
        return frame('content_block_start', { type: 'content_block_start', index, content_block: block });
      }
      case 'text_delta':
        return this.delta(event.index, { type: 'text_delta', text: event.text });
      case 'reasoning_delta':
        return this.delta(event.index, { type: 'thinking_delta', thinking: event.text });
      case 'signature_delta': {
        // a signature another provider issued is marked with it (canonical/reasoning-signature.ts)
        const provider = this.foreign.get(event.index);
        this.foreign.delete(event.index);
        const signature = markSignature(event.signature, provider);
        return this.delta(event.index, { type: 'signature_delta', signature });
      }
      case 'tool_arguments_delta':
        return this.delta(event.index, { type: 'input_json_delta', partial_json: event.arguments });
      case 'part_end': {
        const index = this.blocks.get(event.index);
        return index === undefined ? '' : frame('content_block_stop', { type: 'content_block_stop', index });
      }
      case 'usage':
        this.usage = event.usage;
        return '';
      case 'finish':
        return (
          frame('message_delta', {
            type: 'message_delta',
            delta: { stop_reason: toAnthropicStopReason(event.reason), stop_sequence: null },
            usage: encodeAnthropicUsage(this.usage),
          }) + frame('message_stop', { type: 'message_stop' })
        );
    }
  }

  /**
   * The usage `message_start` reports: what the upstream reported at the start (Anthropic's input
   * and cache figures), else the relay's quick estimate of the input, for an upstream that reports
   * usage only at the end; `message_delta` then carries the upstream's own figures.
   */
  private startUsage(usage: Usage | undefined): Record<string, unknown> {
    if (usage) return encodeAnthropicUsage(usage);
    const input = this.request ? quickInputTokens(this.request) : 0;
    return encodeAnthropicUsage({ inputTokens: input, outputTokens: 0 });
  }

  /** Anthropic's in-stream `error` event (what would have been an HTTP error). */
  encodeError(error: RelayError, message: string): string {
    return frame('error', encodeAnthropicError(error, message));
  }

  private delta(part: number, delta: Record<string, string>): string {
    const index = this.blocks.get(part);
    return index === undefined
      ? ''
      : frame('content_block_delta', { type: 'content_block_delta', index, delta });
  }
}
