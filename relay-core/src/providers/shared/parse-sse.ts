/** One server-sent event as defined by the WHATWG HTML spec, §9.2 "Server-sent events". */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

/**
 * Incremental SSE parser: feed it raw bytes as they arrive (lines may be split anywhere across TCP
 * packets, even inside a UTF-8 sequence); it returns the complete events so far. Comment lines
 * (`: OPENROUTER PROCESSING`) are keep-alives and are dropped. This is the only place in the relay
 * that parses SSE; adapters receive events.
 */
export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  private buffer = '';
  private dataLines: string[] = [];
  private eventName: string | undefined;
  private lastId: string | undefined;

  /** Parses a chunk of bytes and returns the events it completed. */
  push(chunk: Uint8Array | string): SseEvent[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const events: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const newline = this.findLineEnd(start);
      if (newline === -1) break;
      const line = this.buffer.slice(start, newline);
      start = newline + 1;
      // a CRLF pair: skip the LF that follows a CR
      if (this.buffer.charCodeAt(newline) === 13 && this.buffer.charCodeAt(start) === 10) start += 1;
      this.processLine(line, events);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  /** Flushes a trailing event that the upstream did not terminate with a blank line. */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    this.buffer += this.decoder.decode();
    if (this.buffer.length > 0) this.processLine(this.buffer, events);
    this.buffer = '';
    this.dispatch(events);
    return events;
  }

  /** Bytes received that do not yet form a complete line (for diagnostics of a cut stream). */
  get pendingText(): string {
    return this.buffer;
  }

  private findLineEnd(from: number): number {
    for (let i = from; i < this.buffer.length; i++) {
      const code = this.buffer.charCodeAt(i);
      if (code === 10) return i;
      // a lone CR at the very end may be the first half of CRLF: wait for more input
      if (code === 13) return i + 1 < this.buffer.length ? i : -1;
    }
    return -1;
  }

  private processLine(line: string, events: SseEvent[]): void {
    if (line === '') {
      this.dispatch(events);
      return;
    }
    if (line.charCodeAt(0) === 58) return; // ':' comment
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.eventName = value;
    else if (field === 'id') this.lastId = value;
  }

  private dispatch(events: SseEvent[]): void {
    if (this.dataLines.length === 0) {
      this.eventName = undefined;
      return;
    }
    const event: SseEvent = { data: this.dataLines.join('\n') };
    if (this.eventName !== undefined) event.event = this.eventName;
    if (this.lastId !== undefined) event.id = this.lastId;
    events.push(event);
    this.dataLines = [];
    this.eventName = undefined;
  }
}
