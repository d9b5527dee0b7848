import { addUsage } from '../canonical/add-usage.js';
import type { StreamEvent, Usage } from '../canonical/types.js';
import type { ResumePoint } from './stream-progress.js';

/**
 * Maps a continuation's events into the client's stream after what the broken attempt sent, so
 * that the client's encoder sees one answer: the continuation's opening is absorbed (the client's
 * message is open), its first text part goes on in the text part the break left open, its other
 * parts are numbered after the client's, its reasoning is left out (the client already has the
 * answer's start; the reasoning is counted in usage), and its usage is added to what the client
 * consumed before it.
 */
export class ContinuationSplice {
  /** The continuation's part indices → the client's. */
  private readonly indices = new Map<number, number>();
  /** The broken attempt's open text part, until the continuation's text goes on in it or it is closed. */
  private openText: number | undefined;
  private nextIndex: number;
  /** The continuation's usage as it began (Anthropic's input figures), until it reports more. */
  private startUsage: Usage | undefined;
  private reported = false;

  constructor(
    point: ResumePoint,
    /** What the client consumed over the attempts before this one. */
    private readonly before: Usage,
    /** Whitespace the client already has that the continuation may start with. */
    private skip: string,
  ) {
    this.openText = point.openText;
    this.nextIndex = point.nextIndex;
  }

  /** The events the client's encoder is given for one continuation event (often none or one). */
  map(event: StreamEvent): StreamEvent[] {
    switch (event.type) {
      case 'message_start':
        this.startUsage = event.usage;
        return [];
      case 'part_start': {
        const { part } = event;
        if (part.type === 'reasoning') return [];
        if (part.type === 'text' && !part.refusal && this.openText !== undefined) {
          this.indices.set(event.index, this.openText);
          this.openText = undefined;
          return [];
        }
        const index = this.nextIndex++;
        this.indices.set(event.index, index);
        return [...this.closeOpenText(), { ...event, index }];
      }
      case 'text_delta': {
        const index = this.indices.get(event.index);
        if (index === undefined) return [];
        const text = this.skipRepeated(event.text);
        return text === '' ? [] : [{ ...event, index, text }];
      }
      case 'reasoning_delta':
      case 'signature_delta':
      case 'tool_arguments_delta':
      case 'part_end': {
        const index = this.indices.get(event.index);
        return index === undefined ? [] : [{ ...event, index }];
      }
      case 'usage':
        this.reported = true;
        return [{ type: 'usage', usage: addUsage(this.before, event.usage) }];
      case 'finish': {
        const out = this.closeOpenText();
        // the client is told at least what it consumed before, with what the continuation said at its start
        if (!this.reported)
          out.push({
            type: 'usage',
            usage: addUsage(this.before, this.startUsage ?? { inputTokens: 0, outputTokens: 0 }),
          });
        out.push(event);
        return out;
      }
    }
  }

  /** Ends the broken attempt's text part, when the continuation's first part is not text. */
  private closeOpenText(): StreamEvent[] {
    if (this.openText === undefined) return [];
    const index = this.openText;
    this.openText = undefined;
    return [{ type: 'part_end', index }];
  }

  /** The continuation's first text without the whitespace the client already has. */
  private skipRepeated(text: string): string {
    if (this.skip === '') return text;
    let same = 0;
    while (same < text.length && same < this.skip.length && text[same] === this.skip[same]) same++;
    // all of this text is what the client has: the rest of it may follow in the next piece
    this.skip = same === text.length ? this.skip.slice(same) : '';
    return text.slice(same);
  }
}
