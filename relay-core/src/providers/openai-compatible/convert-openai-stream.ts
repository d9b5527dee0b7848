import { RelayError } from '../../canonical/errors.js';
import {
  customInputClosing,
  customInputOpening,
  wrapCustomInputPiece,
} from '../../canonical/custom-tool-input.js';
import { parseUpstreamJson } from '../shared/parse-upstream-json.js';
import type { FinishReason, StreamEvent, TokenLogprob, Usage } from '../../canonical/types.js';
import type { SseEvent } from '../shared/parse-sse.js';
import type { SseConverter } from '../shared/stream-source.js';
import { convertOpenAIUsage } from './convert-openai-usage.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { readOpenAIContent } from './read-openai-content.js';
import { readOpenAIErrorBody } from './openai-error.js';

interface ChunkToolCall {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
  /** A call to a Chat client's custom tool: its text in pieces, not JSON arguments. */
  custom?: { name?: string; input?: string };
}

interface ChunkWire {
  id?: string;
  model?: string;
  created?: number;
  error?: unknown;
  choices?: Array<{
    delta?: {
      content?: unknown;
      refusal?: string | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      tool_calls?: ChunkToolCall[];
    };
    finish_reason?: string | null;
    logprobs?: { content?: TokenLogprob[] | null } | null;
  }>;
  usage?: unknown;
  x_groq?: { usage?: unknown };
}

/**
 * Converts an OpenAI-family chunk stream into canonical events. Text, reasoning (DeepSeek's
 * `reasoning_content`, OpenRouter/Groq `reasoning`) and each tool call become numbered parts; a
 * part closes when another kind of part opens. Usage arrives after the finish reason (when
 * `include_usage` was asked), so `finish` is emitted at `[DONE]` or the end of the body.
 */
export class OpenAIChunkConverter implements SseConverter {
  closed = false;
  private started = false;
  private nextIndex = 0;
  private open: { kind: 'text' | 'reasoning' | 'refusal' | 'tool'; index: number } | undefined;
  private readonly toolParts = new Map<number, number>();
  /** Parts that are custom tool calls: their text is wrapped as `{"input": …}` arguments. */
  private readonly customParts = new Set<number>();
  private finish: { reason: FinishReason; raw: string } | undefined;
  private usage: Usage | undefined;

  constructor(private readonly provider: string) {}

  /** Ends the open part (a custom call's arguments closed first). */
  private *closeOpen(): Generator<StreamEvent> {
    if (!this.open) return;
    if (this.customParts.delete(this.open.index))
      yield { type: 'tool_arguments_delta', index: this.open.index, arguments: customInputClosing };
    yield { type: 'part_end', index: this.open.index };
  }

  private *openPart(kind: 'text' | 'reasoning' | 'refusal'): Generator<StreamEvent, number> {
    if (this.open?.kind === kind) return this.open.index;
    yield* this.closeOpen();
    this.open = { kind, index: this.nextIndex++ };
    yield {
      type: 'part_start',
      index: this.open.index,
      part: kind === 'refusal' ? { type: 'text', refusal: true } : { type: kind },
    };
    return this.open.index;
  }

  *push(event: SseEvent): Generator<StreamEvent> {
    const { provider } = this;
    if (event.data === '[DONE]') {
      this.closed = true;
      return;
    }
    const chunk = parseUpstreamJson<ChunkWire>(event.data, provider, 'stream');
    if (chunk.error !== undefined) {
      const wire = readOpenAIErrorBody(JSON.stringify({ error: chunk.error }));
      const message =
        typeof wire?.message === 'string' ? wire.message : 'upstream reported an error in its stream';
      throw new RelayError('UPSTREAM_STREAM_ERROR', `${provider}: ${message}`, { provider });
    }
    // Azure opens with a prompt-filter chunk: no choices, empty id and model; it carries nothing
    if (!this.started && (chunk.choices?.length ?? 0) === 0 && !chunk.usage && !chunk.model) return;
    if (!this.started) {
      this.started = true;
      yield {
        type: 'message_start',
        id: chunk.id ?? '',
        model: chunk.model ?? '',
        created: chunk.created ?? Math.floor(Date.now() / 1000),
      };
    }
    const choice = chunk.choices?.[0];
    const delta = choice?.delta;
    const reasoning = delta?.reasoning_content ?? delta?.reasoning;
    if (typeof reasoning === 'string' && reasoning.length > 0) {
      const index = yield* this.openPart('reasoning');
      yield { type: 'reasoning_delta', index, text: reasoning };
    }
    // the chunk's token log probabilities belong to its text (asked for with `logprobs: true`)
    let logprobs = choice?.logprobs?.content ?? undefined;
    for (const piece of readOpenAIContent(delta?.content)) {
      const index = yield* this.openPart(piece.kind);
      if (piece.kind === 'text') {
        yield logprobs
          ? { type: 'text_delta', index, text: piece.text, logprobs }
          : { type: 'text_delta', index, text: piece.text };
        logprobs = undefined;
      } else yield { type: 'reasoning_delta', index, text: piece.text };
    }
    if (typeof delta?.refusal === 'string' && delta.refusal.length > 0) {
      const index = yield* this.openPart('refusal');
      yield { type: 'text_delta', index, text: delta.refusal };
    }
    for (const call of delta?.tool_calls ?? []) {
      const wireIndex = call.index ?? 0;
      let index = this.toolParts.get(wireIndex);
      if (index === undefined) {
        yield* this.closeOpen();
        index = this.nextIndex++;
        this.toolParts.set(wireIndex, index);
        this.open = { kind: 'tool', index };
        const name = call.function?.name ?? call.custom?.name ?? '';
        yield {
          type: 'part_start',
          index,
          part: { type: 'tool_call', id: call.id ?? `call_${index}`, name },
        };
        if (call.custom) {
          this.customParts.add(index);
          yield { type: 'tool_arguments_delta', index, arguments: customInputOpening };
        }
      }
      const input = call.custom?.input;
      if (typeof input === 'string' && input.length > 0)
        yield { type: 'tool_arguments_delta', index, arguments: wrapCustomInputPiece(input) };
      const args = call.function?.arguments;
      if (typeof args === 'string' && args.length > 0)
        yield { type: 'tool_arguments_delta', index, arguments: args };
    }
    if (choice?.finish_reason)
      this.finish = { reason: mapOpenAIFinishReason(choice.finish_reason), raw: choice.finish_reason };
    this.usage = convertOpenAIUsage(chunk) ?? this.usage;
  }

  *end(): Generator<StreamEvent> {
    const { provider, finish } = this;
    if (!this.closed && !finish) {
      throw new RelayError('UPSTREAM_STREAM_ERROR', `${provider}: upstream stream ended before it finished`, {
        provider,
      });
    }
    if (!this.started)
      yield { type: 'message_start', id: '', model: '', created: Math.floor(Date.now() / 1000) };
    yield* this.closeOpen();
    if (this.usage) yield { type: 'usage', usage: this.usage };
    yield { type: 'finish', reason: finish?.reason ?? 'other', raw: finish?.raw };
  }
}
