import type { ServerResponse } from 'node:http';
import type { CaptureSettings, CapturedExchange } from '../store/captured-bodies.js';
import { redactBody } from '../store/captured-bodies.js';
import type { JsonBody } from './read-body.js';

/** Where captured exchanges go, and the settings in force (config.yaml `history.capture`). */
export interface ExchangeCapture {
  settings(): CaptureSettings;
  save(exchange: CapturedExchange, retentionDays: number): void;
  /** The relay's secret scrubber (keys, key-shaped strings). */
  redactSecrets(text: string): string;
}

/** The first `limit` bytes of what is written, and how many were written in all. */
function collector(limit: number) {
  const pieces: Buffer[] = [];
  let kept = 0;
  let total = 0;
  return {
    take(chunk: unknown, encoding: unknown) {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      const bytes =
        typeof chunk === 'string'
          ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
          : Buffer.from(chunk as Uint8Array);
      total += bytes.length;
      if (kept >= limit) return;
      const part = bytes.subarray(0, limit - kept);
      pieces.push(part);
      kept += part.length;
    },
    text: () => Buffer.concat(pieces).toString('utf8'),
    total: () => total,
  };
}

type Write = (chunk: unknown, ...rest: unknown[]) => unknown;

/**
 * Keeps a model request's body and the answer the client got (what was written to it, streamed or
 * whole), each cut at the size limit and scrubbed, once the response is over. Nothing is kept or
 * wrapped while capture is off (the default).
 */
export function captureExchange(
  capture: ExchangeCapture | undefined,
  meta: { id: string; createdAt: number },
  body: JsonBody | undefined,
  response: ServerResponse,
): void {
  const settings = capture?.settings();
  if (!capture || !settings?.enabled) return;
  const limit = settings.max_bytes;
  const raw = body?.bytes ?? Buffer.from(body === undefined ? '' : (JSON.stringify(body.json) ?? ''));
  const request = raw.subarray(0, limit).toString('utf8');
  const requestBytes = raw.length;
  const answer = collector(limit);
  const target = response as unknown as { write: Write; end: Write };
  const write = target.write;
  const end = target.end;
  target.write = function (this: unknown, chunk, ...rest) {
    answer.take(chunk, rest[0]);
    return write.call(this, chunk, ...rest);
  };
  target.end = function (this: unknown, chunk, ...rest) {
    answer.take(chunk, rest[0]);
    return end.call(this, chunk, ...rest);
  };
  response.once('close', () =>
    // off the response's own turn: the client has its answer before the row is written
    setImmediate(() => {
      const scrub = (text: string) => redactBody(text, settings.redact, capture.redactSecrets);
      capture.save(
        {
          requestId: meta.id,
          createdAt: meta.createdAt,
          request: scrub(request),
          answer: scrub(answer.text()),
          requestBytes,
          answerBytes: answer.total(),
        },
        settings.retention_days,
      );
    }),
  );
}
