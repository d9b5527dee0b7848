import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import * as zlib from 'node:zlib';
import { RelayError } from '../canonical/errors.js';

type Decode = (
  bytes: Buffer,
  options: zlib.ZlibOptions,
  done: (error: Error | null, result: Buffer) => void,
) => void;

// zstd arrived in Node 22.15 / 23.8: Electron's Node has it, an older Node refuses such bodies
const zstdDecompress = (zlib as { zstdDecompress?: Decode }).zstdDecompress;

/** Content codings a client may compress its body with (Codex CLI can send zstd), decoded off the event loop. */
const decoders: Record<string, Decode | undefined> = {
  gzip: zlib.gunzip,
  'x-gzip': zlib.gunzip,
  deflate: zlib.inflate,
  br: zlib.brotliDecompress,
  zstd: zstdDecompress,
};

/**
 * Decodes a compressed body on libuv's thread pool, within `limit` bytes of output: the limit is
 * on what the JSON parser would get, so a small bomb of zeros is refused like a large body.
 */
function decodeBody(bytes: Buffer, coding: string, limit: number): Promise<Buffer> {
  const decode = decoders[coding]!;
  return new Promise((resolve, reject) => {
    decode(bytes, { maxOutputLength: limit }, (error, result) => {
      if (!error) resolve(result);
      else if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        reject(
          new RelayError('PAYLOAD_TOO_LARGE', `the decoded request body exceeds the limit of ${limit} bytes`),
        );
      else
        reject(
          new RelayError('BAD_REQUEST', `the request body is not valid ${coding} data: ${error.message}`),
        );
    });
  });
}

/** The body's content coding ('' for none); refuses codings the relay cannot decode with a 415. */
function contentCoding(request: IncomingMessage): string {
  const header = (request.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (header === '' || header === 'identity') return '';
  if (decoders[header]) return header;
  request.resume();
  throw new RelayError(
    'UNSUPPORTED_MEDIA_TYPE',
    `Content-Encoding '${header}' is not supported; send the body uncompressed or as ${Object.keys(decoders)
      .filter((coding) => decoders[coding] && !coding.startsWith('x-'))
      .join(', ')}`,
  );
}

/** A client's JSON body, parsed, and the bytes it was parsed from. */
export interface JsonBody {
  json: unknown;
  /**
   * The body as it came, when it is what was parsed: valid UTF-8 (decoding replaces a broken
   * sequence, so the parsed text would differ from these bytes).
   */
  bytes?: Buffer;
}

/**
 * Reads a JSON request body within `limit` bytes, decoding a compressed one (gzip, deflate, br,
 * zstd) within the same limit. Rejects non-JSON content types (a browser can send a cross-site
 * "simple" form post as text/plain, but never as application/json without a CORS preflight),
 * content codings it cannot decode, oversized bodies (before reading when Content-Length says so)
 * and bad JSON.
 */
export async function readJson(request: IncomingMessage, limit: number): Promise<JsonBody> {
  const header = request.headers['content-type'];
  // as nearly every client writes it, taken without splitting and lowering
  const type = header === 'application/json' ? header : (header ?? '').split(';')[0]!.trim().toLowerCase();
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
  const coding = contentCoding(request);
  const received = await readBytes(request, limit, Number.isFinite(declared) ? declared : undefined);
  const bytes = coding === '' ? received : await decodeBody(received, coding, limit);
  const text = bytes.toString('utf8');
  if (text.trim() === '')
    throw new RelayError('INVALID_JSON', 'request body is empty; expected a JSON object');
  try {
    const json: unknown = JSON.parse(text);
    return isUtf8(bytes) ? { json, bytes } : { json };
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message}` : '';
    throw new RelayError('INVALID_JSON', `request body is not valid JSON${detail}`);
  }
}

/** The same, parsed only. */
export async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  return (await readJson(request, limit)).json;
}

/**
 * Collects the body with plain listeners: the body usually arrived with the headers, and an async
 * iterator would cost several event-loop ticks and promises per request for the same bytes.
 */
function readBytes(request: IncomingMessage, limit: number, declared: number | undefined): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
    };
    const done = () => {
      stop();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        // all that Content-Length announced: the body is whole without waiting for 'end'
        if (size === declared) done();
        return;
      }
      stop();
      // the rest is read and dropped, so the refusal can still be answered
      request.resume();
      reject(new RelayError('PAYLOAD_TOO_LARGE', `request body exceeds the limit of ${limit} bytes`));
    };
    const onEnd = done;
    // the request stream fails only when the client's connection does
    const onError = (error?: Error) => {
      stop();
      reject(
        new RelayError('CLIENT_CLOSED', 'client closed the connection before its body ended', {
          cause: error,
        }),
      );
    };
    const onClose = () => onError();
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('close', onClose);
  });
}
