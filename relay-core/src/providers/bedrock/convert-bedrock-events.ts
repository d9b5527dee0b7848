import { RelayError } from '../../canonical/errors.js';
import type { FinishReason, StreamEvent, Usage } from '../../canonical/types.js';
import { knownCounts, readCount } from '../../canonical/usage-counts.js';
import type { WireCount } from '../../canonical/usage-counts.js';
import { mapAnthropicFinishReason } from '../anthropic/map-anthropic-finish-reason.js';
import { convertBedrockError } from './bedrock-error.js';

interface BedrockUsageWire {
  inputTokens?: WireCount;
  outputTokens?: WireCount;
  cacheReadInputTokens?: WireCount;
  cacheWriteInputTokens?: WireCount;
  /** The cache writes by how long they are kept (`5m`, `1h`). */
  cacheDetails?: Array<{ inputTokens?: WireCount; ttl?: string }> | null;
}

export interface BedrockEventWire {
  contentBlockIndex?: number;
  start?: { toolUse?: { toolUseId?: string; name?: string } };
  delta?: {
    text?: string;
    toolUse?: { input?: string };
    reasoningContent?: { text?: string; signature?: string; redactedContent?: string };
  };
  stopReason?: string;
  usage?: BedrockUsageWire;
  message?: string;
}

/** Bedrock `stopReason` → canonical: Anthropic's reasons plus Bedrock's own guardrail stops. */
export function mapBedrockStopReason(reason: string | undefined): FinishReason {
  if (reason === 'guardrail_intervened' || reason === 'content_filtered') return 'content_filter';
  return mapAnthropicFinishReason(reason);
}

/**
 * Bedrock counts cache reads and writes apart from input (as Anthropic does); canonical input is the
 * sum. Bedrock reports no reasoning count; a figure it leaves out stays absent.
 */
export function convertBedrockUsage(wire: BedrockUsageWire): Usage {
  const cacheRead = readCount(wire.cacheReadInputTokens);
  const cacheWrite = readCount(wire.cacheWriteInputTokens);
  const details = Array.isArray(wire.cacheDetails) ? wire.cacheDetails : undefined;
  const hour = details
    ?.filter((detail) => detail?.ttl === '1h')
    .reduce((sum, detail) => sum + (readCount(detail.inputTokens) ?? 0), 0);
  return {
    inputTokens: (readCount(wire.inputTokens) ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0),
    outputTokens: readCount(wire.outputTokens) ?? 0,
    ...knownCounts({ cacheReadTokens: cacheRead, cacheWriteTokens: cacheWrite, cacheWrite1hTokens: hour }),
  };
}

/**
 * Converts ConverseStream events (already decoded from the binary framing) to canonical events.
 * Text and reasoning blocks have no start event, so a block opens on its first delta; tool input
 * arrives as JSON text deltas. An `exception` message becomes a RelayError of its class.
 */
export class BedrockEventConverter {
  private readonly open = new Map<number, 'text' | 'reasoning' | 'tool'>();
  private readonly toolHadInput = new Set<number>();
  private usage: Usage | undefined;
  finish: { reason: FinishReason; raw: string } | undefined;

  constructor(
    private readonly provider: string,
    private readonly model: string,
  ) {}

  *convert(type: string, messageType: string, event: BedrockEventWire): Generator<StreamEvent> {
    if (messageType === 'exception' || messageType === 'error') {
      throw convertBedrockError(0, { 'x-amzn-errortype': type }, JSON.stringify(event), this.provider);
    }
    const index = event.contentBlockIndex ?? 0;
    switch (type) {
      case 'messageStart':
        yield { type: 'message_start', id: '', model: this.model, created: Math.floor(Date.now() / 1000) };
        break;
      case 'contentBlockStart':
        if (event.start?.toolUse) {
          this.open.set(index, 'tool');
          yield {
            type: 'part_start',
            index,
            part: {
              type: 'tool_call',
              id: event.start.toolUse.toolUseId ?? `tooluse_${index}`,
              name: event.start.toolUse.name ?? '',
            },
          };
        }
        break;
      case 'contentBlockDelta': {
        const delta = event.delta ?? {};
        if (typeof delta.text === 'string') {
          yield* this.ensure(index, 'text');
          if (delta.text) yield { type: 'text_delta', index, text: delta.text };
        } else if (delta.reasoningContent) {
          const reasoning = delta.reasoningContent;
          if (reasoning.redactedContent !== undefined && !this.open.has(index)) {
            this.open.set(index, 'reasoning');
            yield {
              type: 'part_start',
              index,
              part: {
                type: 'reasoning',
                redacted: true,
                data: reasoning.redactedContent,
                provider: this.provider,
              },
            };
          }
          yield* this.ensure(index, 'reasoning');
          if (reasoning.text) yield { type: 'reasoning_delta', index, text: reasoning.text };
          if (reasoning.signature) yield { type: 'signature_delta', index, signature: reasoning.signature };
        } else if (delta.toolUse?.input) {
          this.toolHadInput.add(index);
          yield { type: 'tool_arguments_delta', index, arguments: delta.toolUse.input };
        }
        break;
      }
      case 'contentBlockStop':
        if (this.open.get(index) === 'tool' && !this.toolHadInput.has(index))
          yield { type: 'tool_arguments_delta', index, arguments: '{}' };
        if (this.open.delete(index)) yield { type: 'part_end', index };
        break;
      case 'messageStop':
        this.finish = { reason: mapBedrockStopReason(event.stopReason), raw: event.stopReason ?? '' };
        break;
      case 'metadata':
        if (event.usage) this.usage = convertBedrockUsage(event.usage);
        break;
      default:
        break;
    }
  }

  /** Closes what is open and emits usage and the finish reason; a stream without messageStop was cut. */
  *end(): Generator<StreamEvent> {
    if (!this.finish) {
      throw new RelayError(
        'UPSTREAM_STREAM_ERROR',
        `${this.provider}: upstream stream ended before messageStop`,
        { provider: this.provider },
      );
    }
    for (const index of this.open.keys()) yield { type: 'part_end', index };
    this.open.clear();
    if (this.usage) yield { type: 'usage', usage: this.usage };
    yield { type: 'finish', reason: this.finish.reason, raw: this.finish.raw };
  }

  private *ensure(index: number, kind: 'text' | 'reasoning'): Generator<StreamEvent> {
    if (this.open.has(index)) return;
    this.open.set(index, kind);
    // Claude's thinking signatures on Bedrock are Bedrock's: valid here, not at Anthropic
    yield {
      type: 'part_start',
      index,
      part: kind === 'text' ? { type: kind } : { type: kind, provider: this.provider },
    };
  }
}
