import { RelayError } from '../../canonical/errors.js';
import { SseParser } from './parse-sse.js';
import type { SseEvent } from './parse-sse.js';
import { mapTransportError } from './send-upstream.js';
import type { UpstreamReply } from './send-upstream.js';

/** Reads an upstream body as SSE events; a socket failure mid-body becomes a stream error. */
export async function* readSse(reply: UpstreamReply, provider: string): AsyncGenerator<SseEvent> {
  const parser = new SseParser();
  try {
    for await (const chunk of reply.chunks()) yield* parser.feed(chunk);
  } catch (error) {
    const mapped = mapTransportError(error, provider);
    if (mapped.code === 'CLIENT_CLOSED') throw mapped;
    throw new RelayError('UPSTREAM_STREAM_ERROR', `${provider}: upstream stream was cut off`, {
      provider,
      cause: error,
    });
  }
  yield* parser.end();
}
