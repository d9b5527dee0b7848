import type { RelayError } from '../../canonical/errors.js';
import { unwrapCustomInput } from '../../canonical/custom-tool-input.js';
import type { ResponsesItem, StreamEvent, TokenLogprob, Usage } from '../../canonical/types.js';
import type { StreamEncoder } from '../dialect-codec.js';
import { encodeOpenAIError } from '../openai-chat/encode-openai-error.js';
import { buildResponseObject, responseStatus } from './build-response-object.js';
import type { ResponseMeta } from './build-response-object.js';
import { newId, outputText, reasoningItem, toolCallItem } from './build-output-item.js';
import type { ToolTable } from './build-output-item.js';

interface OpenItem {
  outputIndex: number;
  item: Record<string, unknown>;
  text: string;
  /** The text's token log probabilities, when the client asked for them. */
  logprobs: TokenLogprob[];
  /** A message item whose content is the model's refusal (a `refusal` part, not `output_text`). */
  refusal?: boolean;
  /** What a reasoning part's provider needs back: its signature, or a redacted block's data. */
  signature?: string;
  redacted?: { data?: string };
}

/**
 * Encodes canonical events as the Responses API stream Codex CLI reads: every event numbered by
 * `sequence_number`; output items added, filled by deltas and marked done; `response.completed`
 * (or `.incomplete`) carrying the whole response with usage; `error` then `response.failed` when
 * the upstream breaks after the stream began. `onComplete` receives the finished output.
 */
export class ResponsesStreamEncoder implements StreamEncoder {
  private sequence = 0;
  private model = '';
  private readonly open = new Map<number, OpenItem>();
  private readonly output: Array<Record<string, unknown>> = [];
  /** Output items are numbered in the order they open. */
  private opened = 0;
  private usage: Usage | undefined;

  constructor(
    private readonly meta: ResponseMeta,
    private readonly onComplete: (
      output: Array<Record<string, unknown>>,
      response: Record<string, unknown>,
    ) => void,
    /** The request's tools: a call is answered namespaced or custom as its tool is. */
    private readonly tools: ToolTable = new Map(),
  ) {}

  encode(event: StreamEvent): string {
    switch (event.type) {
      case 'message_start': {
        this.model = event.model;
        const response = buildResponseObject(this.meta, this.model, 'in_progress', [], undefined);
        return (
          this.frame('response.created', { response }) + this.frame('response.in_progress', { response })
        );
      }
      case 'part_start':
        return this.start(event.index, event.part);
      case 'text_delta':
        return this.open.get(event.index)?.refusal
          ? this.delta(event.index, 'response.refusal.delta', event.text, { content_index: 0 })
          : this.delta(event.index, 'response.output_text.delta', event.text, {
              content_index: 0,
              logprobs: this.keepLogprobs(event.index, event.logprobs),
            });
      case 'reasoning_delta':
        return this.delta(event.index, 'response.reasoning_summary_text.delta', event.text, {
          summary_index: 0,
        });
      case 'signature_delta': {
        const open = this.open.get(event.index);
        if (open) open.signature = (open.signature ?? '') + event.signature;
        return '';
      }
      case 'tool_arguments_delta': {
        // a custom tool's text is its arguments' `input`: given whole once the call ends
        const open = this.open.get(event.index);
        if (open?.item.type !== 'custom_tool_call')
          return this.delta(event.index, 'response.function_call_arguments.delta', event.arguments, {});
        open.text += event.arguments;
        return '';
      }
      case 'part_end':
        return this.end(event.index, event.responsesItem);
      case 'usage':
        this.usage = event.usage;
        return '';
      case 'finish': {
        // a part the upstream never closed is closed here: the output has no gaps
        const out = this.endAll();
        const { status, incomplete_details } = responseStatus(event.reason);
        const response = buildResponseObject(
          this.meta,
          this.model,
          status,
          this.output,
          this.usage,
          incomplete_details,
        );
        this.onComplete(this.output, response);
        return (
          out +
          this.frame(status === 'completed' ? 'response.completed' : 'response.incomplete', {
            response,
          })
        );
      }
      default:
        return '';
    }
  }

  encodeError(error: RelayError, message: string): string {
    const body = encodeOpenAIError(error, message).error;
    const response = {
      ...buildResponseObject(
        this.meta,
        this.model,
        'failed',
        this.output.filter((item) => item !== undefined),
        this.usage,
      ),
      error: { code: body.code, message },
    };
    return (
      this.frame('error', { code: body.code, message, param: body.param }) +
      this.frame('response.failed', { response })
    );
  }

  private start(index: number, part: Extract<StreamEvent, { type: 'part_start' }>['part']): string {
    // the same part opened again without its end: the first one ends here
    const before = this.open.has(index) ? this.end(index) : '';
    if (part.type === 'native') return before + this.whole(part);
    const outputIndex = this.opened++;
    const id = typeof part.responsesItem?.id === 'string' ? part.responsesItem.id : undefined;
    let item: Record<string, unknown>;
    let extra = '';
    let redacted: OpenItem['redacted'];
    if (part.type === 'tool_call') {
      item = toolCallItem({ ...part, arguments: '' }, this.tools.get(part.name), id, 'in_progress');
    } else if (part.type === 'reasoning') {
      item = { id: id ?? newId('rs'), type: 'reasoning', summary: [] };
      if (part.redacted) redacted = { data: part.data };
      else extra = 'reasoning';
    } else {
      item = {
        id: id ?? newId('msg'),
        type: 'message',
        status: 'in_progress',
        content: [],
        role: 'assistant',
      };
      extra = 'message';
    }
    const refusal = part.type === 'text' && part.refusal === true;
    this.open.set(index, { outputIndex, item, text: '', logprobs: [], refusal, redacted });
    let out = before + this.frame('response.output_item.added', { output_index: outputIndex, item });
    if (extra === 'message') {
      out += this.frame('response.content_part.added', {
        item_id: item.id,
        output_index: outputIndex,
        content_index: 0,
        part: refusal ? { type: 'refusal', refusal: '' } : outputText('', []),
      });
    } else if (extra === 'reasoning') {
      out += this.frame('response.reasoning_summary_part.added', {
        item_id: item.id,
        output_index: outputIndex,
        summary_index: 0,
        part: { type: 'summary_text', text: '' },
      });
    }
    return out;
  }

  /** An item the relay passes on whole (a web_search_call from a Responses upstream): added and done. */
  private whole(part: { dialect: string; item?: boolean; value: ResponsesItem }): string {
    if (part.dialect !== 'openai-responses' || !part.item) return '';
    const outputIndex = this.opened++;
    this.output[outputIndex] = part.value;
    const at = { output_index: outputIndex, item: part.value };
    return this.frame('response.output_item.added', at) + this.frame('response.output_item.done', at);
  }

  private delta(index: number, type: string, delta: string, extra: Record<string, unknown>): string {
    const open = this.open.get(index);
    if (!open) return '';
    open.text += delta;
    return this.frame(type, { item_id: open.item.id, output_index: open.outputIndex, ...extra, delta });
  }

  private end(index: number, upstreamItem?: ResponsesItem): string {
    const open = this.open.get(index);
    if (!open) return '';
    this.open.delete(index);
    const { item, outputIndex, text, logprobs, refusal } = open;
    const at = { item_id: item.id, output_index: outputIndex };
    let out = '';
    let done: Record<string, unknown>;
    if (item.type === 'function_call') {
      out += this.frame('response.function_call_arguments.done', { ...at, name: item.name, arguments: text });
      done = { ...item, arguments: text, status: 'completed' };
    } else if (item.type === 'custom_tool_call') {
      const input = unwrapCustomInput(text);
      out += this.frame('response.custom_tool_call_input.delta', { ...at, delta: input });
      out += this.frame('response.custom_tool_call_input.done', { ...at, input });
      done = { ...item, input, status: 'completed' };
    } else if (item.type === 'reasoning') {
      const part = { type: 'summary_text', text };
      if (!open.redacted) {
        out += this.frame('response.reasoning_summary_text.done', { ...at, summary_index: 0, text });
        out += this.frame('response.reasoning_summary_part.done', { ...at, summary_index: 0, part });
      }
      done = reasoningItem(
        { text, signature: open.signature, redacted: open.redacted !== undefined, data: open.redacted?.data },
        item.id as string,
      );
    } else {
      // a message's one content part: the text, or the model's refusal
      const [part, doneType, doneFields] = refusal
        ? [{ type: 'refusal', refusal: text }, 'response.refusal.done', { refusal: text }]
        : [outputText(text, logprobs), 'response.output_text.done', { text, logprobs }];
      out += this.frame(doneType, { ...at, content_index: 0, ...doneFields });
      out += this.frame('response.content_part.done', { ...at, content_index: 0, part });
      done = { ...item, status: 'completed', content: [part] };
    }
    // a Responses upstream's own item, encrypted reasoning and annotations included, under the id
    // its `added` event gave (clients check the two are one item)
    if (upstreamItem) done = upstreamItem.id === item.id ? upstreamItem : { ...upstreamItem, id: item.id };
    this.output[outputIndex] = done;
    return out + this.frame('response.output_item.done', { output_index: outputIndex, item: done });
  }

  /** Ends every part still open, in the order they opened (the map's order: `start` adds each anew). */
  private endAll(): string {
    return [...this.open.keys()].map((index) => this.end(index)).join('');
  }

  /** A delta's log probabilities, also kept for the part's `done` events. */
  private keepLogprobs(index: number, logprobs: TokenLogprob[] | undefined): TokenLogprob[] {
    if (!logprobs) return [];
    this.open.get(index)?.logprobs.push(...logprobs);
    return logprobs;
  }

  private frame(type: string, data: Record<string, unknown>): string {
    return `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: this.sequence++, ...data })}\n\n`;
  }
}
