import { performance } from 'node:perf_hooks';
import { errors, request } from 'undici';
import { RelayError } from '../../canonical/errors.js';
import type { AdapterContext } from '../types.js';
import { bodyChunks } from './body-chunks.js';

export interface UpstreamReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body's chunks as they arrive; the time spent waiting for each goes to the context. */
  chunks(): AsyncIterable<Uint8Array>;
  /** The whole body as text; the time spent waiting for it goes to the context. */
  text(): Promise<string>;
}

/**
 * POSTs a JSON body upstream through the shared keep-alive pool and maps transport failures
 * (refused, reset, timed out, aborted) to RelayErrors the attempt loop understands.
 */
export async function sendUpstream(
  url: string,
  body: string,
  headers: Record<string, string>,
  context: AdapterContext,
): Promise<UpstreamReply> {
  context.onDispatch?.();
  try {
    const reply = await request(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      dispatcher: context.dispatcher,
      signal: context.signal,
      headersTimeout: context.provider.timeoutMs,
      bodyTimeout: context.provider.timeoutMs,
    });
    context.onHeaders?.(reply.statusCode);
    return {
      status: reply.statusCode,
      headers: reply.headers,
      chunks: () => bodyChunks(reply.body, context.onUpstreamWait),
      text: async () => {
        const asked = performance.now();
        try {
          return await reply.body.text();
        } finally {
          context.onUpstreamWait?.(performance.now() - asked);
        }
      },
    };
  } catch (error) {
    throw mapTransportError(error, context.provider.id);
  }
}

/** Maps an undici / socket error to a RelayError naming the provider (never the URL's secrets). */
export function mapTransportError(error: unknown, provider: string): RelayError {
  if (error instanceof RelayError) return error;
  const code = (error as { code?: string } | undefined)?.code;
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'AbortError' || code === 'UND_ERR_ABORTED' || error instanceof errors.RequestAbortedError) {
    return new RelayError('CLIENT_CLOSED', 'request aborted', { provider, cause: error });
  }
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return new RelayError('UPSTREAM_TIMEOUT', `${provider}: upstream timed out`, { provider, cause: error });
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH') {
    return new RelayError('UPSTREAM_CONNECT_ERROR', `${provider}: could not connect to upstream (${code})`, {
      provider,
      cause: error,
    });
  }
  return new RelayError(
    'UPSTREAM_CONNECT_ERROR',
    `${provider}: upstream connection failed (${code ?? name ?? 'error'})`,
    {
      provider,
      cause: error,
    },
  );
}

/** A socket failure while reading a streamed body: a stream error (the client closing stays so). */
export function streamCutOff(error: unknown, provider: string): RelayError {
  const mapped = mapTransportError(error, provider);
  if (mapped.code === 'CLIENT_CLOSED') return mapped;
  return new RelayError('UPSTREAM_STREAM_ERROR', `${provider}: upstream stream was cut off`, {
    provider,
    cause: error,
  });
}

/** Reads a whole upstream body as text, mapping a mid-body failure to a retryable stream error. */
export async function readBodyText(reply: UpstreamReply, provider: string): Promise<string> {
  try {
    return await reply.text();
  } catch (error) {
    const mapped = mapTransportError(error, provider);
    if (mapped.code === 'CLIENT_CLOSED' || mapped.code === 'UPSTREAM_TIMEOUT') throw mapped;
    throw new RelayError('UPSTREAM_STREAM_ERROR', `${provider}: upstream response was cut off`, {
      provider,
      cause: error,
    });
  }
}
