import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';

/**
 * How many bytes may wait for the reader before the body is paused: pausing at every chunk would
 * cost each read a round of the event loop.
 */
const highWaterBytes = 64 * 1024;

/** How long a body that was let go before its end may take to reach it before it is aborted. */
export const defaultReleaseGraceMs = 1000;

/** An iterator's end, shared: nothing reads or changes it. */
export const done: IteratorReturnResult<undefined> = { done: true, value: undefined };

/** Why a body that was let go and never ended is aborted (never seen by a reader). */
class ReleasedBodyError extends Error {
  override name = 'AbortError';
}

/** A whole body over the size its reader accepts: its connection was closed. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`upstream body over ${limitBytes} bytes`);
  }
}

/**
 * An upstream response body, fed by the HTTP client's dispatch handler (`send-upstream.ts`) as its
 * chunks arrive, and read by one async reader. No Readable sits between them: undici's body
 * stream and its async iterator cost a promise and two ticks per chunk, and letting the iterator
 * go before the body's `end` (a stream stops at its end mark, `[DONE]` or `message_stop`, which
 * arrives with the body's end) destroyed the body with an AbortError and its stack trace.
 *
 * Each wait for a chunk is reported to `onWait` (upstream time, not relay time). `return()` lets
 * the body go: it is read on to its end, which is usually already here, so nothing is aborted and
 * the connection goes back to the pool; a body still open after the grace is aborted.
 */
export class UpstreamBody {
  private readonly queue: Buffer[] = [];
  private queuedBytes = 0;
  private ended = false;
  private failure: unknown;
  private released = false;
  private releaseTimer: NodeJS.Timeout | undefined;
  private answering = false;
  private waiter:
    | {
        resolve: (result: IteratorResult<Uint8Array>) => void;
        reject: (error: unknown) => void;
        asked: number;
      }
    | undefined;
  private onWait: ((ms: number) => void) | undefined;
  /**
   * The HTTP client's hold on the exchange, let go at the body's end or failure: it reaches the
   * client's request and the request's body, and a reader may keep this object for longer (for
   * V8's young-generation collections, until the next full one: launch-attempt.ts).
   */
  private controller: Dispatcher.DispatchController | undefined;

  constructor(
    controller: Dispatcher.DispatchController,
    private readonly releaseGraceMs = defaultReleaseGraceMs,
  ) {
    this.controller = controller;
  }

  /** A chunk from upstream (the handler's `onResponseData`). */
  push(chunk: Buffer): void {
    if (this.released) return;
    this.queue.push(chunk);
    this.queuedBytes += chunk.length;
    if (this.waiter) this.answerSoon();
    // a reader that has fallen this far behind: hold the rest in the socket until it catches up
    else if (this.queuedBytes >= highWaterBytes && this.controller?.paused === false) this.controller.pause();
  }

  /** The body's end (`onResponseEnd`). */
  finish(): void {
    this.ended = true;
    this.controller = undefined;
    clearTimeout(this.releaseTimer);
    this.answerSoon();
  }

  /** The connection failed, timed out or was aborted mid-body (`onResponseError`). */
  fail(error: unknown): void {
    clearTimeout(this.releaseTimer);
    this.controller = undefined;
    if (this.released || this.ended) return;
    this.failure = error;
    this.answerSoon();
  }

  /** The chunks as they arrive: what arrived since the last read comes as one chunk. */
  chunks(onWait?: (ms: number) => void): AsyncIterableIterator<Uint8Array> {
    this.onWait = onWait;
    const iterator: AsyncIterableIterator<Uint8Array> = {
      next: () => this.next(),
      return: () => {
        this.waiter?.resolve(done);
        this.waiter = undefined;
        this.release();
        return Promise.resolve(done);
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** The whole body as text; past `maxBytes` the connection is closed and BodyTooLargeError thrown. */
  text(onWait?: (ms: number) => void, maxBytes = Infinity): Promise<string> {
    const arrived = this.arrivedText(maxBytes);
    return arrived === undefined ? this.readText(onWait, maxBytes) : Promise.resolve(arrived);
  }

  /**
   * The whole body as text when all of it is here (within `maxBytes`), else undefined and nothing
   * taken: a short answer has usually arrived whole with its headers.
   */
  arrivedText(maxBytes = Infinity): string | undefined {
    if (this.ended && this.failure === undefined && !this.released && this.queuedBytes <= maxBytes)
      return this.take().toString('utf8');
    return undefined;
  }

  private async readText(onWait: ((ms: number) => void) | undefined, maxBytes: number): Promise<string> {
    const parts: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of this.chunks(onWait)) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        this.abort();
        throw new BodyTooLargeError(maxBytes);
      }
      parts.push(chunk as Buffer);
    }
    return (parts.length === 1 ? parts[0]! : Buffer.concat(parts)).toString('utf8');
  }

  /** Lets the body go and closes its connection now: the rest is not worth reading. */
  abort(): void {
    this.release();
    clearTimeout(this.releaseTimer);
    this.controller?.abort(new ReleasedBodyError('upstream body too large'));
  }

  private next(): Promise<IteratorResult<Uint8Array>> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.queue.length > 0) return Promise.resolve({ done: false, value: this.take() });
    if (this.ended) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject, asked: performance.now() };
    });
  }

  // everything that arrived since the last read, as one chunk: an upstream writes each event in a
  // chunk of its own, and the relay's work (and its writes to the client) go by reads
  private take(): Buffer {
    const chunk = this.queue.length === 1 ? this.queue[0]! : Buffer.concat(this.queue, this.queuedBytes);
    this.queue.length = 0;
    this.queuedBytes = 0;
    if (this.controller?.paused) this.controller.resume();
    return chunk;
  }

  private answerSoon(): void {
    if (this.answering || !this.waiter) return;
    this.answering = true;
    // after the rest of this socket read was parsed: its chunks go out as one
    queueMicrotask(() => {
      this.answering = false;
      this.answer();
    });
  }

  private answer(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = undefined;
    this.onWait?.(performance.now() - waiter.asked);
    if (this.failure !== undefined) waiter.reject(this.failure);
    else if (this.queue.length > 0) waiter.resolve({ done: false, value: this.take() });
    else waiter.resolve(done);
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    this.queue.length = 0;
    this.queuedBytes = 0;
    if (this.ended || this.failure !== undefined) return;
    // nothing reads the rest: it is dropped as it arrives, and the body ends on its own
    if (this.controller?.paused) this.controller.resume();
    this.releaseTimer = setTimeout(
      () => this.controller?.abort(new ReleasedBodyError('upstream body let go before its end')),
      this.releaseGraceMs,
    );
    this.releaseTimer.unref();
  }
}
