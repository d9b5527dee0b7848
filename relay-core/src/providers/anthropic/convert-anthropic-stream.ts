import { RelayError } from '../../canonical/errors.js';
import { parseUpstreamJson } from '../shared/parse-upstream-json.js';
import type { FinishReason, StreamEvent, Usage } from '../../canonical/types.js';
import type { SseEvent } from '../shared/parse-sse.js';
import type { SseConverter } from '../shared/stream-source.js';
import { convertAnthropicError } from './anthropic-error.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';
import type { AnthropicUsageWire } from './convert-anthropic-usage.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';

interface AnthropicEventWire {
  type?: string;
  index?: number;
  message?: { id?: string; model?: string; usage?: AnthropicUsageWire };
  content_block?: { type?: string; id?: string; name?: string; data?: string };
  delta?: {
    type?: string;
    text?: string;
    thinking?: string;
    signature?: string;
    partial_json?: string;
    stop_reason?: string | null;
  };
  usage?: AnthropicUsageWire;
  error?: unknown;
}

/**
 * Converts Anthropic's Messages event stream into canonical events. Block indices carry over
 * one to one; `message_start`'s usage (the input and cache figures) goes with the start, and
 * `message_delta` usage is cumulative and merged over it for the end; `ping` is
 * dropped; an in-stream `error` event becomes a RelayError of its class (overloaded, rate limit).
 * A tool_use block that streamed no JSON gets `{}` so clients can always parse the arguments.
 */
export class AnthropicEventConverter implements SseConverter {
  closed = false;
  private usage: Usage | undefined;
  private finish: { reason: FinishReason; raw: string } | undefined;
  private readonly toolArgs = new Map<number, number>();
  private readonly skipped = new Set<number>();

  constructor(private readonly provider: string) {}

  *push(event: SseEvent): Generator<StreamEvent> {
    const { provider, toolArgs, skipped } = this;
    const wire = parseUpstreamJson<AnthropicEventWire>(event.data, provider, 'stream');
    const index = wire.index ?? 0;
    switch (wire.type ?? event.event) {
      case 'message_start': {
        const reported = wire.message?.usage;
        if (reported) this.usage = convertAnthropicUsage(reported);
        yield {
          type: 'message_start',
          id: wire.message?.id ?? '',
          model: wire.message?.model ?? '',
          created: Math.floor(Date.now() / 1000),
          ...(reported ? { usage: this.usage } : {}),
        };
        break;
      }
      case 'content_block_start': {
        const block = wire.content_block;
        if (block?.type === 'tool_use') {
          toolArgs.set(index, 0);
          yield {
            type: 'part_start',
            index,
            part: { type: 'tool_call', id: block.id ?? `toolu_${index}`, name: block.name ?? '' },
          };
        } else if (block?.type === 'thinking') {
          yield { type: 'part_start', index, part: { type: 'reasoning' } };
        } else if (block?.type === 'redacted_thinking') {
          yield { type: 'part_start', index, part: { type: 'reasoning', redacted: true, data: block.data } };
        } else if (block?.type === 'text') {
          yield { type: 'part_start', index, part: { type: 'text' } };
        } else {
          // server-side tools (code execution, web search) and their results run at Anthropic:
          // the client has nothing to execute or show, so those blocks are skipped
          skipped.add(index);
        }
        break;
      }
      case 'content_block_delta': {
        if (skipped.has(index)) break;
        const delta = wire.delta;
        if (delta?.type === 'text_delta' && delta.text) yield { type: 'text_delta', index, text: delta.text };
        else if (delta?.type === 'thinking_delta' && delta.thinking)
          yield { type: 'reasoning_delta', index, text: delta.thinking };
        else if (delta?.type === 'signature_delta' && delta.signature)
          yield { type: 'signature_delta', index, signature: delta.signature };
        else if (delta?.type === 'input_json_delta' && delta.partial_json) {
          toolArgs.set(index, (toolArgs.get(index) ?? 0) + delta.partial_json.length);
          yield { type: 'tool_arguments_delta', index, arguments: delta.partial_json };
        }
        break;
      }
      case 'content_block_stop':
        if (skipped.has(index)) break;
        if (toolArgs.get(index) === 0) yield { type: 'tool_arguments_delta', index, arguments: '{}' };
        yield { type: 'part_end', index };
        break;
      case 'message_delta':
        if (wire.usage) this.usage = convertAnthropicUsage(wire.usage, this.usage);
        if (wire.delta?.stop_reason) {
          this.finish = {
            reason: mapAnthropicFinishReason(wire.delta.stop_reason),
            raw: wire.delta.stop_reason,
          };
        }
        break;
      case 'message_stop':
        this.closed = true;
        break;
      case 'error':
        throw convertAnthropicError(0, {}, JSON.stringify({ error: wire.error }), provider);
      default:
        // ping and event types added after this was written carry nothing we need
        break;
    }
  }

  *end(): Generator<StreamEvent> {
    const { provider, usage, finish } = this;
    if (!this.closed) {
      throw new RelayError(
        'UPSTREAM_STREAM_ERROR',
        `${provider}: upstream stream ended before message_stop`,
        {
          provider,
        },
      );
    }
    if (usage) yield { type: 'usage', usage };
    yield { type: 'finish', reason: finish?.reason ?? 'other', raw: finish?.raw };
  }
}
