import type { ServerResponse } from 'node:http';
import type { Delay } from './abortable-delay.js';
import type { FaultSpec } from './faults.js';
import { sendJson, writePiece } from './http-io.js';
import type { Recording } from './recording.js';

/** What a replay needs from the request it answers. */
export interface ReplayContext {
  response: ServerResponse;
  fault: FaultSpec | undefined;
  /** Aborts when the client hangs up or the emulator closes. */
  signal: AbortSignal;
  delay: Delay;
  /** Destroys the socket on purpose (a fault), so the call is not counted as a client abort. */
  cut: () => void;
}

/** Splits text into byte pieces, cutting through UTF-8 sequences on purpose. */
function splitBytes(text: string | Buffer, size: number): Buffer[] {
  const bytes = Buffer.from(text);
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
  return pieces;
}

/** Valid JSON of the wrong shape: `tool_calls: 5` in every message and delta, or numeric ids. */
function reshaped(text: string, fault: FaultSpec['malformed']): string {
  if (fault === 'numeric-ids') return text.replace(/"id":\s*"[^"]*"/g, '"id":42');
  if (fault === 'wrong-types') return text.replace(/"(message|delta)":\s*\{/g, '"$1":{"tool_calls":5,');
  return text;
}

/**
 * The event as the fault wants it written: `malformed: 'truncated-json'` halves the third one,
 * `wrong-types` and `numeric-ids` reshape every event.
 */
function faulted(event: string | Buffer, index: number, fault: FaultSpec | undefined): string | Buffer {
  if (typeof event !== 'string') return event;
  if (fault?.malformed !== 'truncated-json') return reshaped(event, fault?.malformed);
  if (index !== 2) return event;
  return event.slice(0, Math.floor(event.length / 2)) + '\n\n';
}

/** Writes a streamed recording one event (or binary frame) per write, applying the fault's stream knobs. */
async function replayStream(
  context: ReplayContext,
  recording: Extract<Recording, { kind: 'sse' | 'binary' }>,
): Promise<void> {
  const { response, fault, signal, delay } = context;
  const events: Array<string | Buffer> = recording.kind === 'binary' ? recording.frames : recording.events;
  response.writeHead(recording.status, {
    'content-type': recording.contentType,
    'cache-control': 'no-cache',
  });
  response.flushHeaders();
  if (fault?.reset === 'after-headers') return context.cut();
  await delay(fault?.delayFirstChunkMs, signal);
  let lastWrite = Promise.resolve();
  for (const [index, event] of events.entries()) {
    if (signal.aborted) return;
    if (fault?.dropAfterChunks !== undefined && index >= fault.dropAfterChunks) {
      // the events before the drop really reach the client: wait until they are flushed
      await lastWrite;
      return context.cut();
    }
    if (fault?.endAfterChunks !== undefined && index >= fault.endAfterChunks) break;
    if (index > 0) await delay(fault?.chunkDelayMs, signal);
    if (signal.aborted) return;
    const text = faulted(event, index, fault);
    const pieces = fault?.fragmentBytes ? splitBytes(text, fault.fragmentBytes) : [text];
    for (const piece of pieces) {
      lastWrite = writePiece(response, piece);
      // a real gap between pieces, so the client sees them as separate reads
      if (pieces.length > 1)
        await lastWrite.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    }
  }
  response.end();
}

/** Replays a recording as the answer to one request: a JSON body as recorded, or a stream event by event. */
export async function replayRecording(context: ReplayContext, recording: Recording): Promise<void> {
  if (recording.kind !== 'json') return replayStream(context, recording);
  const malformed = context.fault?.malformed;
  const body =
    malformed === 'truncated-json'
      ? recording.body.slice(0, Math.floor(recording.body.length / 2))
      : reshaped(recording.body, malformed);
  sendJson(context.response, recording.status, body, { 'content-type': recording.contentType });
}
