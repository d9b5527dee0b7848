import { readFileSync } from 'node:fs';
import type { Recording } from './recording.js';
import { splitSseEvents } from './split-sse-events.js';

const eventStream = 'text/event-stream; charset=utf-8';

/** The non-empty lines of a `*.chunks.txt` file: one recorded data payload each. */
function payloads(file: URL): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/**
 * vercel/ai `*.chunks.txt` of an OpenAI-compatible stream: the SSE framing and `[DONE]` were
 * stripped when recorded; each line is framed again as `data: <line>\n\n`, ending with `data: [DONE]\n\n`.
 */
export function loadChunks(file: URL): Recording {
  const events = [...payloads(file).map((line) => `data: ${line}\n\n`), 'data: [DONE]\n\n'];
  return { kind: 'sse', status: 200, contentType: eventStream, events };
}

/** The same for Anthropic and the Responses API, which name each event: `event: <type>\ndata: <json>\n\n`. */
export function loadTypedChunks(file: URL): Recording {
  const events = payloads(file).map(
    (line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`,
  );
  return { kind: 'sse', status: 200, contentType: eventStream, events };
}

/** vercel/ai Google chunks: Gemini frames each as a `data:` event with CRLF line ends, and sends no [DONE]. */
export function loadPlainChunks(file: URL): Recording {
  const events = payloads(file).map((line) => `data: ${line}\r\n\r\n`);
  return { kind: 'sse', status: 200, contentType: 'text/event-stream', events };
}

/** A file that keeps its SSE framing (firebase `streaming-*.txt`), replayed as recorded. */
export function loadSse(file: URL): Recording {
  const events = splitSseEvents(readFileSync(file, 'utf8'));
  return { kind: 'sse', status: 200, contentType: 'text/event-stream', events };
}

/** A raw JSON body, replayed byte for byte with `status`. */
export function loadJson(file: URL, status = 200): Recording {
  return { kind: 'json', status, body: readFileSync(file, 'utf8'), contentType: 'application/json' };
}
