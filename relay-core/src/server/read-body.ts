import type { IncomingMessage } from 'node:http';
import { RelayError } from '../canonical/errors.js';

/**
 * Reads a JSON request body within `limit` bytes. Rejects non-JSON content types (a browser can
 * send a cross-site "simple" form post as text/plain, but never as application/json without a
 * CORS preflight), oversized bodies (before reading when Content-Length says so) and bad JSON.
 */
export async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    request.resume();
    throw new RelayError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Content-Type must be application/json (got '${type || 'none'}')`,
    );
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    throw new RelayError(
      'PAYLOAD_TOO_LARGE',
      `request body of ${declared} bytes exceeds the limit of ${limit} bytes`,
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      request.resume();
      throw new RelayError('PAYLOAD_TOO_LARGE', `request body exceeds the limit of ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks, size).toString('utf8');
  if (text.trim() === '')
    throw new RelayError('INVALID_JSON', 'request body is empty; expected a JSON object');
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message}` : '';
    throw new RelayError('INVALID_JSON', `request body is not valid JSON${detail}`);
  }
}
