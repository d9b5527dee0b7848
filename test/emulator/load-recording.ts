import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** A recorded response, ready to replay. */
export type Recording =
  | { kind: 'json'; status: number; body: string; contentType: string }
  | { kind: 'sse'; status: number; events: string[] }
  /** AWS event-stream frames (Bedrock ConverseStream), replayed one frame per write. */
  | { kind: 'binary'; status: number; contentType: string; frames: Buffer[] };

const fixtures = new URL('./fixtures/', import.meta.url);
const cache = new Map<string, Recording>();

interface CassetteInteraction {
  response: {
    status: { code: number };
    body?: { string?: string };
    parsed_body?: unknown;
    headers?: Record<string, string[]>;
  };
}

/** Splits a raw SSE body into events (each with its trailing blank line), keeping bytes as recorded. */
export function splitSseEvents(body: string): string[] {
  const events: string[] = [];
  const pattern = /\r?\n\r?\n/g;
  let start = 0;
  for (let match = pattern.exec(body); match; match = pattern.exec(body)) {
    events.push(body.slice(start, match.index + match[0].length));
    start = match.index + match[0].length;
  }
  if (start < body.length) events.push(body.slice(start));
  return events;
}

/** vercel/ai `*.chunks.txt`: one data payload per line, SSE framing stripped; framed again here. */
function loadChunks(path: string): Recording {
  const lines = readFileSync(new URL(path, fixtures), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return {
    kind: 'sse',
    status: 200,
    events: [...lines.map((line) => `data: ${line}\n\n`), 'data: [DONE]\n\n'],
  };
}

/** The same for Anthropic and the Responses API: each event framed as `event: <type>\ndata: <json>\n\n`, as they send it. */
function loadAnthropicChunks(path: string): Recording {
  const lines = readFileSync(new URL(path, fixtures), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const events = lines.map(
    (line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`,
  );
  return { kind: 'sse', status: 200, events };
}

function loadJson(path: string, status = 200): Recording {
  return {
    kind: 'json',
    status,
    body: readFileSync(new URL(path, fixtures), 'utf8'),
    contentType: 'application/json',
  };
}

/** A file that keeps its SSE framing (firebase `streaming-*.txt`), replayed as recorded. */
function loadSse(path: string): Recording {
  return { kind: 'sse', status: 200, events: splitSseEvents(readFileSync(new URL(path, fixtures), 'utf8')) };
}

/** vercel/ai Google chunks: one JSON per line; Gemini frames them as `data:` events, with no [DONE]. */
function loadPlainChunks(path: string): Recording {
  const lines = readFileSync(new URL(path, fixtures), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return { kind: 'sse', status: 200, events: lines.map((line) => `data: ${line}\r\n\r\n`) };
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
 * pydantic-ai VCR cassettes: a streamed body is kept byte for byte in `body.string`; a JSON body
 * was stored parsed (`parsed_body`), so it is re-serialised (same content, not the same bytes).
 */
function loadCassette(path: string, interaction: number): Recording {
  const cassette = parse(readFileSync(new URL(path, fixtures), 'utf8'), { customTags: ['binary'] }) as {
    interactions: CassetteInteraction[];
  };
  const response = cassette.interactions[interaction]?.response;
  if (!response) throw new Error(`${path} has no interaction ${interaction}`);
  const contentType = response.headers?.['content-type']?.[0] ?? 'application/json';
  const raw = response.body?.string as unknown;
  if (raw instanceof Uint8Array) {
    return {
      kind: 'binary',
      status: response.status.code,
      contentType,
      frames: splitFrames(Buffer.from(raw)),
    };
  }
  if (response.body?.string !== undefined && contentType.startsWith('text/event-stream')) {
    return { kind: 'sse', status: response.status.code, events: splitSseEvents(response.body.string) };
  }
  const body = response.body?.string ?? JSON.stringify(response.parsed_body);
  return { kind: 'json', status: response.status.code, body, contentType };
}

/** Loads (once) a recording by its reference: `chunks:`, `anthropic-chunks:`, `chunks-plain:`, `sse:`, `json:`, `json@status:` or `cassette:path#n`. */
export function loadRecording(reference: string): Recording {
  const cached = cache.get(reference);
  if (cached) return cached;
  const [kind, rest] = reference.split(/:(.*)/s) as [string, string];
  let recording: Recording;
  if (kind === 'chunks') recording = loadChunks(rest);
  else if (kind === 'anthropic-chunks' || kind === 'typed-chunks') recording = loadAnthropicChunks(rest);
  else if (kind === 'chunks-plain') recording = loadPlainChunks(rest);
  else if (kind === 'sse') recording = loadSse(rest);
  else if (kind === 'json') recording = loadJson(rest);
  else if (kind.startsWith('json@')) recording = loadJson(rest, Number(kind.slice(5)));
  else {
    const [path, index] = rest.split('#') as [string, string | undefined];
    recording = loadCassette(path, Number(index ?? 0));
  }
  cache.set(reference, recording);
  return recording;
}
