import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Recording } from './recording.js';
import { serializeParsedBody } from './serialize-parsed-body.js';
import { splitSseEvents } from './split-sse-events.js';

interface CassetteInteraction {
  response: {
    /** `{ code }`, or (newer cassettes) the bare number. */
    status: { code: number } | number;
    /** The recorded body: `string`, or (newer cassettes) `content` beside its `type`. */
    body?: { string?: unknown; content?: unknown };
    parsed_body?: unknown;
    headers?: Record<string, string[]>;
  };
}

/** Splits an AWS event-stream body into its frames by their length prefixes. */
function splitFrames(body: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  for (let offset = 0; offset + 4 <= body.length;) {
    const length = body.readUInt32BE(offset);
    frames.push(body.subarray(offset, offset + length));
    offset += length;
  }
  return frames;
}

/**
 * One response of a pydantic-ai VCR cassette. A streamed body is kept byte for byte in
 * `body.string` (Bedrock's binary event stream as a `!!binary` string); a JSON body was stored
 * parsed (`parsed_body`) and is serialised again (serialize-parsed-body.ts).
 */
export function loadCassette(file: URL, interaction: number): Recording {
  const cassette = parse(readFileSync(file, 'utf8'), { customTags: ['binary'] }) as {
    interactions: CassetteInteraction[];
  };
  const response = cassette.interactions[interaction]?.response;
  if (!response) throw new Error(`${file.pathname} has no interaction ${interaction}`);
  const status = typeof response.status === 'number' ? response.status : response.status.code;
  const contentType = response.headers?.['content-type']?.[0] ?? 'application/json';
  const raw = response.body?.string ?? response.body?.content;
  if (raw instanceof Uint8Array) {
    return { kind: 'binary', status, contentType, frames: splitFrames(Buffer.from(raw)) };
  }
  if (typeof raw === 'string' && contentType.startsWith('text/event-stream')) {
    return { kind: 'sse', status, contentType, events: splitSseEvents(raw) };
  }
  const length = response.headers?.['content-length']?.[0];
  const body =
    typeof raw === 'string'
      ? raw
      : serializeParsedBody(response.parsed_body, length === undefined ? undefined : Number(length));
  return { kind: 'json', status, body, contentType };
}
