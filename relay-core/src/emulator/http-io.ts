import type { IncomingMessage, ServerResponse } from 'node:http';

/** Writes a complete JSON (or other) response with an exact content-length. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  response.end(body);
}

/** Reads the whole request body: its bytes, its text, and parsed JSON (the text when it is not JSON, undefined when empty). */
export async function readBody(
  request: IncomingMessage,
): Promise<{ bytes: Buffer; text: string; body: unknown }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  const text = bytes.toString('utf8');
  if (text === '') return { bytes, text, body: undefined };
  try {
    return { bytes, text, body: JSON.parse(text) as unknown };
  } catch {
    return { bytes, text, body: text };
  }
}

/** Writes one piece of a streamed body, resolving once it is handed to the socket. */
export function writePiece(response: ServerResponse, piece: string | Buffer): Promise<void> {
  return new Promise((resolve) => response.write(piece, () => resolve()));
}
