import type { RelayError } from '../../canonical/errors.js';
import type {
  CanonicalRequest,
  ReasoningPart,
  StreamEvent,
  ToolCallPart,
  Usage,
} from '../../canonical/types.js';
import { toGeminiFinishReason } from '../../shared/gemini/gemini-finish-reason.js';
import type { GeminiPartWire } from '../../shared/gemini/gemini-response-wire.js';
import type { StreamEncoder } from '../dialect-codec.js';
import { encodeGeminiError } from './encode-gemini-error.js';
import { geminiChunk } from './encode-gemini-response.js';
import { functionCallPart, ReasoningCarrier } from './gemini-answer-parts.js';

type OpenPart =
  | { kind: 'text'; carried: { thoughtSignature?: string } }
  | { kind: 'reasoning'; part: ReasoningPart }
  | { kind: 'tool'; call: ToolCallPart; carried: { thoughtSignature?: string } };

/**
 * Encodes canonical events as Gemini's stream: `GenerateContentResponse` chunks as server-sent
 * events (`alt=sse`), or as one JSON array written as it grows (no `alt`). Text and thoughts go
 * out as they come; a function call goes out whole once its arguments are complete, as Gemini
 * sends them; the last chunk has the finish reason and the usage.
 */
export class GeminiStreamEncoder implements StreamEncoder {
  readonly contentType: string | undefined;
  private readonly parts = new Map<number, OpenPart>();
  private readonly carrier = new ReasoningCarrier();
  private id = '';
  private usage: Usage | undefined;
  private opened = false;

  constructor(
    private readonly request: CanonicalRequest,
    private readonly options: { sse: boolean; includeThoughts: boolean },
  ) {
    this.contentType = options.sse ? undefined : 'application/json; charset=utf-8';
  }

  encode(event: StreamEvent): string {
    switch (event.type) {
      case 'message_start':
        this.id = event.id;
        return '';
      case 'part_start': {
        const { part } = event;
        if (part.type === 'reasoning') {
          const reasoning: ReasoningPart = { type: 'reasoning', text: '' };
          if (part.redacted) Object.assign(reasoning, { redacted: true, data: part.data });
          this.parts.set(event.index, { kind: 'reasoning', part: reasoning });
        } else if (part.type === 'text')
          this.parts.set(event.index, { kind: 'text', carried: this.carrier.take() });
        // an OpenAI item the canonical form does not model (a web_search_call) has no Gemini part
        else if (part.type === 'tool_call') {
          const call: ToolCallPart = { type: 'tool_call', id: part.id, name: part.name, arguments: '' };
          if (part.providerData) call.providerData = part.providerData;
          this.parts.set(event.index, { kind: 'tool', call, carried: this.carrier.take() });
        }
        return '';
      }
      case 'text_delta': {
        const open = this.parts.get(event.index);
        if (open?.kind !== 'text') return '';
        const carried = open.carried;
        open.carried = {};
        return this.chunk([{ text: event.text, ...carried }]);
      }
      case 'reasoning_delta': {
        const open = this.parts.get(event.index);
        if (open?.kind !== 'reasoning') return '';
        open.part.text += event.text;
        return this.options.includeThoughts ? this.chunk([{ text: event.text, thought: true }]) : '';
      }
      case 'signature_delta': {
        const open = this.parts.get(event.index);
        if (open?.kind === 'reasoning') open.part.signature = (open.part.signature ?? '') + event.signature;
        return '';
      }
      case 'tool_arguments_delta': {
        const open = this.parts.get(event.index);
        if (open?.kind === 'tool') open.call.arguments += event.arguments;
        return '';
      }
      case 'part_end':
        return this.end(event.index);
      case 'usage':
        this.usage = event.usage;
        return '';
      case 'finish': {
        let out = '';
        for (const index of [...this.parts.keys()]) out += this.end(index);
        const finishReason = toGeminiFinishReason(event.reason, event.raw);
        out += this.frame(
          geminiChunk(this.carrier.rest(), this.request, this.id, { finishReason, usage: this.usage }),
        );
        return this.options.sse ? out : `${out}\n]`;
      }
    }
  }

  /** An error after the stream began: Google's error object as the stream's last element. */
  encodeError(error: RelayError, message: string): string {
    const framed = this.frame(encodeGeminiError(error, message));
    return this.options.sse ? framed : `${framed}\n]`;
  }

  private end(index: number): string {
    const open = this.parts.get(index);
    this.parts.delete(index);
    if (open?.kind === 'reasoning') this.carrier.add(open.part);
    else if (open?.kind === 'tool') return this.chunk([functionCallPart(open.call, open.carried)]);
    // a text part that never said anything still hands on what it carried
    else if (open?.kind === 'text' && open.carried.thoughtSignature)
      return this.chunk([{ text: '', ...open.carried }]);
    return '';
  }

  private chunk(parts: GeminiPartWire[]): string {
    return this.frame(geminiChunk(parts, this.request, this.id));
  }

  private frame(value: unknown): string {
    const json = JSON.stringify(value);
    if (this.options.sse) return `data: ${json}\r\n\r\n`;
    const separator = this.opened ? '\n,\r\n' : '[';
    this.opened = true;
    return separator + json;
  }
}
