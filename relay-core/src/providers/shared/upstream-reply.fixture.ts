import type { Dispatcher } from 'undici';
import type { StreamEvent } from '../../canonical/types.js';
import type { SseEvent } from './parse-sse.js';
import type { UpstreamReply } from './send-upstream.js';
import { sseSource } from './stream-source.js';
import type { SseConverter } from './stream-source.js';

/**
 * An upstream reply whose streamed body arrives in the given reads; `cut` fails the read after
 * them as a reset socket would. `state` tells how many reads were taken and whether the body was
 * let go.
 */
export function fakeReply(reads: string[], options: { cut?: boolean } = {}) {
  const state = { readsTaken: 0, returned: false };
  const reply: UpstreamReply = {
    status: 200,
    headers: {},
    text: () => Promise.reject(new Error('a stream is read in chunks')),
    async *chunks() {
      try {
        for (const read of reads) {
          state.readsTaken += 1;
          yield Buffer.from(read);
        }
        if (options.cut) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      } finally {
        state.returned = true;
      }
    },
  };
  return { reply, state };
}

/**
 * An HTTP client stand-in that answers every request at once through the handler callbacks undici
 * calls: the status, the body's reads, then the end (or `failure`). `handlers` keeps each request's
 * handler; `controllers` tells whether each request's controller is still held by anyone.
 */
export function answeringDispatcher(answer: {
  status: number;
  headers?: Record<string, string>;
  reads: Buffer[];
  failure?: Error;
}) {
  const handlers: Dispatcher.DispatchHandler[] = [];
  const controllers: Array<WeakRef<Dispatcher.DispatchController>> = [];
  const dispatch = (_options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) => {
    const controller: Dispatcher.DispatchController = {
      aborted: false,
      paused: false,
      reason: null,
      abort() {},
      pause() {},
      resume() {},
    };
    controllers.push(new WeakRef(controller));
    handlers.push(handler);
    queueMicrotask(() => {
      handler.onRequestStart?.(controller, {});
      handler.onResponseStart?.(controller, answer.status, answer.headers ?? {}, '');
      for (const read of answer.reads) handler.onResponseData?.(controller, read);
      if (answer.failure) handler.onResponseError?.(controller, answer.failure);
      else handler.onResponseEnd?.(controller, {});
    });
    return true;
  };
  return { dispatcher: { dispatch } as unknown as Dispatcher, handlers, controllers };
}

/** SSE events as an upstream writes them (a data value's newlines become data lines). */
export function frameSse(events: SseEvent[]): string {
  return events
    .map(({ event, data }) => {
      const lines = data.split('\n').map((line) => `data: ${line}`);
      return [...(event === undefined ? [] : [`event: ${event}`]), ...lines, '', ''].join('\n');
    })
    .join('');
}

/** Runs SSE events through a converter the way the relay does: one upstream read, `sseSource`. */
export async function* convertAsRelayDoes(
  events: AsyncIterable<SseEvent>,
  provider: string,
  converter: SseConverter,
): AsyncGenerator<StreamEvent> {
  const all: SseEvent[] = [];
  for await (const event of events) all.push(event);
  yield* sseSource(fakeReply([frameSse(all)]).reply, provider, converter);
}
