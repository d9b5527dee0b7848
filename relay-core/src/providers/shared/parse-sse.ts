/** One server-sent event as defined by the WHATWG HTML spec, §9.2 "Server-sent events". */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

/** `crAt` when the buffer has not been searched for a CR since it last changed. */
const unknown = -2;
/** `crAt` when the buffer holds no CR after the position. */
const none = -1;

/**
 * Incremental SSE parser: feed it raw bytes as they arrive (lines may be split anywhere across TCP
 * packets, even inside a UTF-8 sequence); it yields the complete events so far. Comment lines
 * (`: OPENROUTER PROCESSING`) are keep-alives and are dropped. This is the only place in the relay
 * that parses SSE; adapters receive events.
 *
 * `feed` is lazy: an upstream read often holds a whole answer (one 64 kB read of hundreds of
 * events), and the first event goes out to the client before the rest of the read is parsed.
 */
export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  private buffer = '';
  /** Where the unparsed rest of `buffer` begins. */
  private position = 0;
  /** The next CR at or after `position` (lines may end in CR, LF or CRLF; CR is rare). */
  private crAt = unknown;
  private dataLines: string[] = [];
  private eventName: string | undefined;
  private lastId: string | undefined;

  /** Parses a chunk of bytes, yielding each event it completes as soon as it is found. */
  *feed(chunk: Uint8Array | string): Generator<SseEvent, void, undefined> {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    this.buffer = this.position === 0 ? this.buffer + text : this.buffer.slice(this.position) + text;
    this.position = 0;
    this.crAt = unknown;
    for (;;) {
      const end = this.findLineEnd();
      if (end === -1) return;
      const line = this.buffer.slice(this.position, end);
      let next = end + 1;
      // a CRLF pair: skip the LF that follows a CR
      if (this.buffer.charCodeAt(end) === 13 && this.buffer.charCodeAt(next) === 10) next += 1;
      this.position = next;
      const event = this.processLine(line);
      if (event) yield event;
    }
  }

  /** Parses a chunk of bytes and returns the events it completed. */
  push(chunk: Uint8Array | string): SseEvent[] {
    return [...this.feed(chunk)];
  }

  /** Flushes a trailing event that the upstream did not terminate with a blank line. */
  end(): SseEvent[] {
    const events = [...this.feed(this.decoder.decode())];
    let rest = this.pendingText;
    if (rest.endsWith('\r')) rest = rest.slice(0, -1);
    this.buffer = '';
    this.position = 0;
    if (rest.length > 0) this.processLine(rest);
    const event = this.dispatch();
    if (event) events.push(event);
    return events;
  }

  /** Bytes received that do not yet form a complete line (for diagnostics of a cut stream). */
  get pendingText(): string {
    return this.buffer.slice(this.position);
  }

  private findLineEnd(): number {
    const from = this.position;
    const lf = this.buffer.indexOf('\n', from);
    if (this.crAt === unknown || (this.crAt !== none && this.crAt < from)) {
      this.crAt = this.buffer.indexOf('\r', from);
    }
    const cr = this.crAt;
    if (cr === none || (lf !== -1 && lf < cr)) return lf;
    // a lone CR at the very end may be the first half of CRLF: wait for more input
    return cr + 1 < this.buffer.length ? cr : -1;
  }

  /** Applies one line; a blank line completes the event being built, which is returned. */
  private processLine(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.charCodeAt(0) === 58) return undefined; // ':' comment
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.eventName = value;
    else if (field === 'id') this.lastId = value;
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    if (this.dataLines.length === 0) {
      this.eventName = undefined;
      return undefined;
    }
    const event: SseEvent = {
      data: this.dataLines.length === 1 ? this.dataLines[0]! : this.dataLines.join('\n'),
    };
    if (this.eventName !== undefined) event.event = this.eventName;
    if (this.lastId !== undefined) event.id = this.lastId;
    this.dataLines = [];
    this.eventName = undefined;
    return event;
  }
}
