/** One server-sent event as defined by the WHATWG HTML spec, §9.2 "Server-sent events". */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

/** `crAt` when the bytes have not been searched for a CR since they last changed. */
const unknown = -2;
/** `crAt` when the bytes hold no CR after the position. */
const none = -1;
const lf = 10;
const cr = 13;
const colon = 58;
const space = 32;
const empty = Buffer.alloc(0);
/** UTF-8's byte order mark, dropped at the start of a stream (as TextDecoder does). */
const byteOrderMark = [0xef, 0xbb, 0xbf];

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Whether `bytes[start, start + length)` spell the ASCII field name. */
function isField(bytes: Buffer, start: number, length: number, name: string): boolean {
  if (length !== name.length) return false;
  for (let i = 0; i < length; i++) if (bytes[start + i] !== name.charCodeAt(i)) return false;
  return true;
}

/**
 * Incremental SSE parser: feed it raw bytes as they arrive (lines may be split anywhere across TCP
 * packets, even inside a UTF-8 sequence); it yields the complete events so far. Comment lines
 * (`: OPENROUTER PROCESSING`) are keep-alives and are dropped. This is the only place in the relay
 * that parses SSE; adapters receive events.
 *
 * It works on the bytes: lines end at LF or CR bytes, which never occur inside a UTF-8 sequence,
 * so only field values are decoded, never the whole read. `feed` is lazy: an upstream read often
 * holds a whole answer (one 64 kB read of hundreds of events), and the first event goes out to
 * the client before the rest of the read is parsed.
 */
export class SseParser {
  private bytes: Buffer = empty;
  /** Where the unparsed rest of `bytes` begins. */
  private position = 0;
  /** `bytes` were parsed up to a line still waiting for its end. */
  private waitingForLineEnd = false;
  /**
   * Reads with no line end in them, after `bytes`: the line they continue is joined once its end
   * arrives, not copied again with every read (a long line would cost quadratic time).
   */
  private held: Buffer[] = [];
  private heldBytes = 0;
  /** The next CR at or after `position` (lines may end in CR, LF or CRLF; CR is rare). */
  private crAt = unknown;
  /** The stream's first bytes may be a UTF-8 byte order mark, which is not part of a line. */
  private started = false;
  private dataLines: string[] = [];
  /** Bytes of the data lines of the event being built. */
  private dataBytes = 0;
  private eventName: string | undefined;
  private lastId: string | undefined;

  /** Parses a chunk of bytes, yielding each event it completes as soon as it is found. */
  *feed(chunk: Uint8Array | string): Generator<SseEvent, void, undefined> {
    const incoming = toBuffer(chunk);
    if (this.waitingForLineEnd && incoming.indexOf(lf) === -1 && incoming.indexOf(cr) === -1) {
      this.held.push(incoming);
      this.heldBytes += incoming.length;
      return;
    }
    this.join(incoming);
    if (!this.started) {
      const seen = Math.min(this.bytes.length, byteOrderMark.length);
      let matching = 0;
      while (matching < seen && this.bytes[matching] === byteOrderMark[matching]) matching += 1;
      // too few bytes yet to tell a byte order mark from text
      if (matching === seen && seen < byteOrderMark.length) return;
      this.started = true;
      if (matching === byteOrderMark.length) this.position = byteOrderMark.length;
    }
    for (;;) {
      const end = this.findLineEnd();
      if (end === -1) {
        // a CR as the last byte may end a line (unless an LF follows): the next read is parsed
        this.waitingForLineEnd = this.bytes[this.bytes.length - 1] !== cr;
        return;
      }
      const start = this.position;
      let next = end + 1;
      // a CRLF pair: skip the LF that follows a CR
      if (this.bytes[end] === cr && this.bytes[next] === lf) next += 1;
      this.position = next;
      const event = this.processLine(start, end);
      if (event) yield event;
    }
  }

  /** Parses a chunk of bytes and returns the events it completed. */
  push(chunk: Uint8Array | string): SseEvent[] {
    return [...this.feed(chunk)];
  }

  /** Flushes a trailing event that the upstream did not terminate with a blank line. */
  end(): SseEvent[] {
    this.started = true;
    this.waitingForLineEnd = false;
    const events = [...this.feed(empty)];
    let end = this.bytes.length;
    if (end > this.position && this.bytes[end - 1] === cr) end -= 1;
    if (end > this.position) this.processLine(this.position, end);
    this.bytes = empty;
    this.position = 0;
    const event = this.dispatch();
    if (event) events.push(event);
    return events;
  }

  /**
   * Lets go of the bytes held, once no more will be parsed. A read is a view of the socket's whole
   * read buffer (64 kB), and a stream's parser may be kept long after its stream (for V8's young
   * generation, until the next full collection: pipeline/launch-attempt.ts).
   */
  release(): void {
    this.bytes = empty;
    this.position = 0;
    this.held = [];
    this.heldBytes = 0;
    this.dataLines = [];
    this.dataBytes = 0;
  }

  /** Bytes fed that have not been parsed yet (the rest of a read being parsed lazily). */
  get pendingBytes(): number {
    return this.bytes.length - this.position + this.heldBytes;
  }

  /**
   * Bytes held for the event not yet complete: its data lines so far and the unparsed rest (once
   * a read is parsed to its end, a line still waiting for its end).
   */
  get openEventBytes(): number {
    return this.dataBytes + this.pendingBytes;
  }

  /** Bytes received that do not yet form a complete line (for diagnostics of a cut stream). */
  get pendingText(): string {
    return Buffer.concat([this.bytes.subarray(this.position), ...this.held]).toString('utf8');
  }

  /** The unparsed rest, the held reads and a new read, as one buffer to parse from its start. */
  private join(incoming: Buffer): void {
    const rest = this.bytes.subarray(this.position);
    this.bytes =
      rest.length === 0 && this.held.length === 0
        ? incoming
        : Buffer.concat([rest, ...this.held, incoming], rest.length + this.heldBytes + incoming.length);
    this.held = [];
    this.heldBytes = 0;
    this.position = 0;
    this.crAt = unknown;
    this.waitingForLineEnd = false;
  }

  private findLineEnd(): number {
    const from = this.position;
    const newline = this.bytes.indexOf(lf, from);
    if (this.crAt === unknown || (this.crAt !== none && this.crAt < from)) {
      this.crAt = this.bytes.indexOf(cr, from);
    }
    const at = this.crAt;
    if (at === none || (newline !== -1 && newline < at)) return newline;
    // a lone CR at the very end may be the first half of CRLF: wait for more input
    return at + 1 < this.bytes.length ? at : -1;
  }

  /** Applies the line `bytes[start, end)`; a blank line completes the event being built. */
  private processLine(start: number, end: number): SseEvent | undefined {
    if (start === end) return this.dispatch();
    const bytes = this.bytes;
    if (bytes[start] === colon) return undefined; // a comment
    let nameEnd = bytes.indexOf(colon, start);
    if (nameEnd === -1 || nameEnd > end) nameEnd = end;
    let valueStart = Math.min(nameEnd + 1, end);
    if (valueStart < end && bytes[valueStart] === space) valueStart += 1;
    const nameLength = nameEnd - start;
    if (isField(bytes, start, nameLength, 'data')) {
      this.dataLines.push(bytes.toString('utf8', valueStart, end));
      this.dataBytes += end - valueStart;
    } else if (isField(bytes, start, nameLength, 'event'))
      this.eventName = bytes.toString('utf8', valueStart, end);
    else if (isField(bytes, start, nameLength, 'id')) this.lastId = bytes.toString('utf8', valueStart, end);
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
    this.dataBytes = 0;
    this.eventName = undefined;
    return event;
  }
}
