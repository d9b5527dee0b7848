import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';

/**
 * How many bytes may wait for the reader before the body is paused (a Readable's own buffer size):
 * pausing at every chunk would cost each read a round of the event loop.
 */
const highWaterBytes = 64 * 1024;

/** How long a body that was let go before its end may take to reach it before it is aborted. */
export const defaultReleaseGraceMs = 1000;

const done: IteratorReturnResult<undefined> = { done: true, value: undefined };

function prematureClose(): Error {
  return Object.assign(new Error('upstream body closed before its end'), {
    code: 'ERR_STREAM_PREMATURE_CLOSE',
  });
}

/**
 * A response body's chunks for an async reader, read with listeners. The Readable's own async
 * iterator costs a promise and two ticks per chunk, and letting it go before the body's `end` was
 * emitted (a stream stops at its end mark, `[DONE]` or `message_stop`, which arrives with the
 * body's end) destroys the body with an AbortError and its stack trace: together about a tenth of
 * the relay's CPU on short streams.
 *
 * Each wait for a chunk is reported to `onWait` (upstream time, not relay time). `return()` lets
 * the body go: it is read on to its end, which is usually already here, so nothing is aborted and
 * the connection goes back to the pool; a body still open after `releaseGraceMs` is aborted.
 */
export function bodyChunks(
  body: Readable,
  onWait?: (ms: number) => void,
  releaseGraceMs = defaultReleaseGraceMs,
): AsyncIterableIterator<Uint8Array> {
  const queue: Uint8Array[] = [];
  let queuedBytes = 0;
  let paused = false;
  let listening = false;
  let ended = body.readableEnded;
  let failure: unknown;
  let waiter:
    | {
        resolve: (result: IteratorResult<Uint8Array>) => void;
        reject: (error: unknown) => void;
        asked: number;
      }
    | undefined;

  const answer = (): boolean => {
    if (!waiter) return false;
    const { resolve, reject, asked } = waiter;
    waiter = undefined;
    onWait?.(performance.now() - asked);
    if (failure !== undefined) reject(failure);
    else if (queue.length > 0) resolve({ done: false, value: take() });
    else resolve(done);
    return true;
  };
  // everything that arrived since the last read, as one chunk: an upstream writes each event in
  // a chunk of its own, and the relay's work (and its writes to the client) go by reads
  const take = (): Uint8Array => {
    const chunk = queue.length === 1 ? queue[0]! : Buffer.concat(queue, queuedBytes);
    queue.length = 0;
    queuedBytes = 0;
    if (paused && !ended) {
      paused = false;
      body.resume();
    }
    return chunk;
  };
  let answering = false;
  const answerSoon = () => {
    if (answering || !waiter) return;
    answering = true;
    // after the rest of this socket read was parsed: its chunks go out as one
    queueMicrotask(() => {
      answering = false;
      answer();
    });
  };
  const onData = (chunk: Uint8Array) => {
    queue.push(chunk);
    queuedBytes += chunk.length;
    if (waiter) answerSoon();
    // a reader that has fallen this far behind: hold the rest in the socket until it catches up
    else if (queuedBytes >= highWaterBytes && !paused) {
      paused = true;
      body.pause();
    }
  };
  const onEnd = () => {
    ended = true;
    answerSoon();
  };
  const onError = (error: unknown) => {
    failure = error;
    answerSoon();
  };
  const onClose = () => {
    if (!ended && failure === undefined) onError(prematureClose());
  };
  const detach = () => {
    body.off('data', onData);
    body.off('end', onEnd);
    body.off('error', onError);
    body.off('close', onClose);
  };

  const release = () => {
    if (listening) detach();
    listening = false;
    queue.length = 0;
    queuedBytes = 0;
    if (ended || failure !== undefined || body.destroyed) return;
    const timer = setTimeout(() => body.destroy(), releaseGraceMs);
    timer.unref();
    body.once('close', () => clearTimeout(timer));
    // nothing listens for the rest: a flowing body drops it, emits `end`, then `close`
    body.on('error', () => undefined);
    body.resume();
  };

  const chunks: AsyncIterableIterator<Uint8Array> = {
    next() {
      if (failure !== undefined) return Promise.reject(failure);
      if (queue.length > 0) return Promise.resolve({ done: false, value: take() });
      if (ended) return Promise.resolve(done);
      if (!listening) {
        listening = true;
        body.on('data', onData);
        body.on('end', onEnd);
        body.on('error', onError);
        body.on('close', onClose);
        if (body.destroyed) onClose();
        body.resume();
      }
      return new Promise((resolve, reject) => {
        waiter = { resolve, reject, asked: performance.now() };
        // a body that failed or ended as the listeners went on answers at once
        if (failure !== undefined || ended) answer();
      });
    },
    return() {
      waiter?.resolve(done);
      waiter = undefined;
      release();
      return Promise.resolve(done);
    },
    [Symbol.asyncIterator]() {
      return chunks;
    },
  };
  return chunks;
}
