import type { RelayError } from '../../canonical/errors.js';
import type { StreamEvent, Usage } from '../../canonical/types.js';
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
 */
export class AnthropicStreamEncoder implements StreamEncoder {
  private readonly blocks = new Map<number, number>();
  private nextBlock = 0;
  private usage: Usage | undefined;

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
              model: event.model,
              content: [],
              stop_reason: null,
              stop_sequence: null,
              usage: { input_tokens: 0, output_tokens: 0 },
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
                ? { type: 'redacted_thinking', data: part.data ?? '' }
                : { type: 'thinking', thinking: '', signature: '' };
        return frame('content_block_start', { type: 'content_block_start', index, content_block: block });
      }
      case 'text_delta':
        return this.delta(event.index, { type: 'text_delta', text: event.text });
      case 'reasoning_delta':
        return this.delta(event.index, { type: 'thinking_delta', thinking: event.text });
      case 'signature_delta':
        return this.delta(event.index, { type: 'signature_delta', signature: event.signature });
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
