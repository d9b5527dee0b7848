import type { StreamEvent } from '../canonical/types.js';

/** Where a broken stream can be continued from. */
export interface ResumePoint {
  /** The answer text the client received, its text parts' text in order. */
  text: string;
  /** The client's text part the break left open: a continuation's text goes on in it. */
  openText?: number;
  /** The first part index the client's stream has not used. */
  nextIndex: number;
}

type OpenPart = 'text' | 'reasoning';

/**
 * Follows what a stream has sent the client, in the client's part numbering, so that it can be
 * continued should it break: the text of its text parts and which part is open. A stream that sent
 * anything a continuation cannot carry on from cannot be continued: a tool call or an item only the
 * client's dialect knows (a continuation would have to repeat them), a refusal, reasoning cut off
 * before its end, or the answer's end.
 */
export class StreamProgress {
  private text = '';
  private readonly open = new Map<number, OpenPart>();
  private nextIndex = 0;
  private final = false;

  /** Takes one event as the client is sent it. */
  observe(event: StreamEvent): void {
    switch (event.type) {
      case 'text_delta':
        this.text += event.text;
        return;
      case 'part_start': {
        if (event.index >= this.nextIndex) this.nextIndex = event.index + 1;
        const { part } = event;
        if (part.type === 'text' && !part.refusal) this.open.set(event.index, 'text');
        else if (part.type === 'reasoning') this.open.set(event.index, 'reasoning');
        else this.final = true;
        return;
      }
      case 'part_end':
        this.open.delete(event.index);
        return;
      case 'finish':
        this.final = true;
        return;
      default:
        return;
    }
  }

  /** Where a continuation would start, or undefined when this stream cannot be continued. */
  resumePoint(): ResumePoint | undefined {
    if (this.final || this.text === '') return undefined;
    let openText: number | undefined;
    for (const [index, kind] of this.open) {
      if (kind !== 'text') return undefined;
      openText = index;
    }
    return { text: this.text, openText, nextIndex: this.nextIndex };
  }
}
