import type { StreamEvent } from '../../canonical/types.js';
import { SseParser } from './parse-sse.js';
import type { SseEvent } from './parse-sse.js';
import { streamCutOff } from './send-upstream.js';
import type { UpstreamReply } from './send-upstream.js';
import { done } from './upstream-body.js';
import { RelayError } from '../../canonical/errors.js';
import { checkEvent } from './check-canonical.js';
import type { StreamSource } from '../types.js';
import { inMb, maxEventBytes } from './upstream-limits.js';
import { unreadableUpstream } from './parse-upstream-json.js';

/**
 * Turns one upstream dialect's SSE events into canonical events, one event at a time, as they are
 * parsed from a read.
 */
export interface SseConverter {
  /** The canonical events for one SSE event; throws a RelayError for an error in the stream. */
  push(event: SseEvent): Iterable<StreamEvent>;
  /** True once the upstream marked its end (`[DONE]`, `message_stop`); later bytes are not read. */
  readonly closed: boolean;
  /** The closing events; throws when the body ended before the upstream marked its end. */
  end(): Iterable<StreamEvent>;
}

/** A source over any async iterable of events (no events are ever ready without waiting). */
export function sourceFromIterable(events: AsyncIterable<StreamEvent>): StreamSource {
  const iterator = events[Symbol.asyncIterator]();
  return {
    pull: () => undefined,
    next: () => iterator.next(),
    return: async () => {
      await iterator.return?.();
      return done;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * Reads an upstream body as SSE and converts it lazily: an event is parsed and converted when it
 * is pulled, so the first token leaves before the rest of its read has been looked at. A socket
 * failure mid-body becomes a stream error.
 */
export function sseSource(reply: UpstreamReply, provider: string, converter: SseConverter): StreamSource {
  const parser = new SseParser();
  const chunks = reply.chunks()[Symbol.asyncIterator]();
  let pending: Iterator<StreamEvent> | undefined;
  let finished = false;

  const stopReading = () => {
    finished = true;
    void chunks.return?.()?.catch(() => undefined);
  };
  function* convertRead(chunk: Uint8Array): Generator<StreamEvent> {
    for (const event of parser.feed(chunk)) {
      yield* converter.push(event);
      if (converter.closed) {
        stopReading();
        yield* converter.end();
        return;
      }
    }
    // the read is parsed to its end: what is held belongs to an event still open
    if (parser.openEventBytes > maxEventBytes) {
      throw new RelayError(
        'UPSTREAM_PROTOCOL_ERROR',
        `${provider}: upstream sent a stream event larger than ${inMb(maxEventBytes)}`,
        { provider },
      );
    }
  }
  function* convertEnd(): Generator<StreamEvent> {
    for (const event of parser.end()) {
      if (converter.closed) break;
      yield* converter.push(event);
    }
    yield* converter.end();
  }

  const source: StreamSource = {
    pull() {
      while (pending) {
        let result: IteratorResult<StreamEvent>;
        try {
          result = pending.next();
          if (!result.done) {
            // an event with metadata put right is a new one
            const checked = checkEvent(result.value, provider);
            if (checked !== result.value) result = { done: false, value: checked };
          }
        } catch (error) {
          // a malformed or failed stream: nothing more is read, and the connection is let go
          pending = undefined;
          stopReading();
          parser.release();
          throw unreadableUpstream(error, provider);
        }
        if (!result.done) return result;
        pending = undefined;
      }
      if (!finished) return undefined;
      parser.release();
      return done;
    },
    async next() {
      for (;;) {
        const ready = source.pull();
        if (ready) return ready;
        let read: IteratorResult<Uint8Array>;
        try {
          read = await chunks.next();
        } catch (error) {
          finished = true;
          parser.release();
          throw streamCutOff(error, provider);
        }
        if (read.done) {
          finished = true;
          pending = convertEnd();
        } else pending = convertRead(read.value);
      }
    },
    pendingBytes: () => parser.pendingBytes,
    async return() {
      pending = undefined;
      finished = true;
      parser.release();
      await chunks.return?.();
      return done;
    },
    [Symbol.asyncIterator]() {
      return source;
    },
  };
  return source;
}
