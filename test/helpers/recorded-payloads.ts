import { EventStreamDecoder } from '../../relay-core/src/providers/bedrock/decode-event-stream.js';
import { SseParser } from '../../relay-core/src/providers/shared/parse-sse.js';
import { loadRecording } from '../../relay-core/src/emulator/load-recording.js';
import type { Recording } from '../../relay-core/src/emulator/recording.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * What a recording says, as JSON: a whole body as one payload, each SSE event's data (`[DONE]` left
 * out), or each Bedrock event-stream frame with its event type as `__type`.
 */
export function recordedPayloads(recording: Recording | string): Json[] {
  if (typeof recording === 'string') recording = loadRecording(recording);
  if (recording.kind === 'json') return [JSON.parse(recording.body) as Json];
  if (recording.kind === 'binary') {
    return new EventStreamDecoder('test').push(Buffer.concat(recording.frames)).map((m) => ({
      ...(JSON.parse(m.payload.toString() || '{}') as Json),
      __type: m.headers[':event-type'],
    }));
  }
  const parser = new SseParser();
  return [...parser.push(recording.events.join('')), ...parser.end()]
    .filter((e) => e.data !== '[DONE]')
    .map((e) => JSON.parse(e.data) as Json);
}
