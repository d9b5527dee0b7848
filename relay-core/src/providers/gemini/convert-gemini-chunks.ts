import type { FinishReason, StreamEvent, Usage } from '../../canonical/types.js';
import { mapGeminiFinishReason } from '../../shared/gemini/gemini-finish-reason.js';
import type { GeminiChunkWire } from '../../shared/gemini/gemini-response-wire.js';
import { convertGeminiUsage } from '../../shared/gemini/gemini-usage.js';

/**
 * Turns Gemini response chunks (streamed, or the one whole response) into canonical events.
 * Text and thought parts merge into open parts; each functionCall arrives whole and becomes one
 * tool-call part whose arguments are its `args` as JSON, with any thoughtSignature kept for the
 * next turn. `usageMetadata` is a running total: the latest wins.
 */
export class GeminiChunkConverter {
  private started = false;
  private nextIndex = 0;
  private open: { kind: 'text' | 'reasoning'; index: number } | undefined;
  private sawToolCall = false;
  private toolCalls = 0;
  usage: Usage | undefined;
  finish: { reason: FinishReason; raw: string } | undefined;

  constructor(private readonly provider: string) {}

  *convert(chunk: GeminiChunkWire): Generator<StreamEvent> {
    if (!this.started) {
      this.started = true;
      yield {
        type: 'message_start',
        id: chunk.responseId ?? '',
        model: chunk.modelVersion ?? '',
        created: Math.floor(Date.now() / 1000),
      };
    }
    const candidate = chunk.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) {
      if (part.functionCall) {
        yield* this.close();
        const index = this.nextIndex++;
        this.sawToolCall = true;
        const id = part.functionCall.id ?? `call_${this.toolCalls++}`;
        const providerData = part.thoughtSignature
          ? { thoughtSignature: part.thoughtSignature, provider: this.provider }
          : undefined;
        yield {
          type: 'part_start',
          index,
          part: {
            type: 'tool_call',
            id,
            name: part.functionCall.name ?? '',
            ...(providerData ? { providerData } : {}),
          },
        };
        yield {
          type: 'tool_arguments_delta',
          index,
          arguments: JSON.stringify(part.functionCall.args ?? {}),
        };
        yield { type: 'part_end', index };
      } else if (typeof part.text === 'string' && part.text.length > 0) {
        const kind = part.thought ? 'reasoning' : 'text';
        if (this.open?.kind !== kind) {
          yield* this.close();
          this.open = { kind, index: this.nextIndex++ };
          yield { type: 'part_start', index: this.open.index, part: { type: kind } };
        }
        yield kind === 'text'
          ? { type: 'text_delta', index: this.open.index, text: part.text }
          : { type: 'reasoning_delta', index: this.open.index, text: part.text };
      }
    }
    if (chunk.usageMetadata) this.usage = convertGeminiUsage(chunk.usageMetadata);
    if (candidate?.finishReason) {
      this.finish = {
        reason: mapGeminiFinishReason(candidate.finishReason, this.sawToolCall),
        raw: candidate.finishReason,
      };
    } else if (chunk.promptFeedback?.blockReason && !candidate) {
      this.finish = { reason: 'content_filter', raw: chunk.promptFeedback.blockReason };
    }
  }

  /** Closes open parts and emits usage and the finish reason. */
  *end(): Generator<StreamEvent> {
    yield* this.close();
    if (this.usage) yield { type: 'usage', usage: this.usage };
    yield { type: 'finish', reason: this.finish?.reason ?? 'other', raw: this.finish?.raw };
  }

  private *close(): Generator<StreamEvent> {
    if (this.open) yield { type: 'part_end', index: this.open.index };
    this.open = undefined;
  }
}
