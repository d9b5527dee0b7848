import { errors } from 'undici';
import type { Dispatcher } from 'undici';
import { RelayError } from '../../canonical/errors.js';
import type { AbortSource, AdapterContext } from '../types.js';
import { BodyTooLargeError, defaultReleaseGraceMs, UpstreamBody } from './upstream-body.js';
import { inMb, maxAnswerBytes } from './upstream-limits.js';

export interface UpstreamReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body's chunks as they arrive; the time spent waiting for each goes to the context. */
  chunks(): AsyncIterable<Uint8Array>;
  /** The whole body as text; the time spent waiting for it goes to the context. */
  text(): Promise<string>;
  /** The whole body as text when it has all arrived, else undefined (then read it with `text`). */
  arrivedText?(): string | undefined;
}

/** Calls `listener` when the signal aborts (an AbortSignal or an AbortSource); returns its removal. */
function listenForAbort(signal: AbortSignal | AbortSource, listener: () => void): () => void {
  if ('addEventListener' in signal) {
    signal.addEventListener('abort', listener, { once: true });
    return () => signal.removeEventListener('abort', listener);
  }
  return signal.onAbort(listener);
}

/**
 * One upstream exchange, driven by undici's dispatch callbacks: the reply resolves at the
 * response's headers, and its body is fed to an UpstreamBody as it arrives. undici's `request()`
 * puts an async resource, a promise and a Readable body between the socket and the relay; at a
 * request's start these cost about as much as the relay's own routing and encoding.
 */
class UpstreamExchange implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private body: UpstreamBody | undefined;
  private stopListening: (() => void) | undefined;
  /** Aborted while the request waited for a connection: it is called off as it starts. */
  private abortedEarly: Error | undefined;

  constructor(
    private readonly context: AdapterContext,
    private readonly resolve: (reply: UpstreamReply) => void,
    private readonly reject: (error: unknown) => void,
    private readonly releaseGraceMs: number,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.abortedEarly) controller.abort(this.abortedEarly);
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    const { context } = this;
    const body = new UpstreamBody(controller, this.releaseGraceMs);
    this.body = body;
    context.onHeaders?.(statusCode);
    this.resolve({
      status: statusCode,
      headers,
      chunks: () => body.chunks(context.onUpstreamWait),
      text: () => body.text(context.onUpstreamWait, maxAnswerBytes),
      arrivedText: () => body.arrivedText(maxAnswerBytes),
    });
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.body?.push(chunk);
  }

  onResponseEnd(): void {
    this.stopListening?.();
    // the HTTP client's hold on the exchange goes with it (see UpstreamBody's controller)
    this.controller = undefined;
    this.body?.finish();
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    this.stopListening?.();
    this.controller = undefined;
    if (this.body) this.body.fail(error);
    else this.reject(mapTransportError(error, this.context.provider.id));
  }

  /** Listens for the context's abort signal until the exchange is over. */
  listen(): void {
    this.stopListening = listenForAbort(this.context.signal, () => {
      const error = new errors.RequestAbortedError();
      if (this.controller) return this.controller.abort(error);
      this.abortedEarly = error;
      this.reject(mapTransportError(error, this.context.provider.id));
    });
  }
}

/** Where a URL sends a request: undici's origin and path. */
interface DispatchTarget {
  origin: string;
  path: string;
}

const targets = new Map<string, DispatchTarget>();
const maxTargets = 256;

/**
 * A provider's endpoint URL split for undici, parsed once: every request to a provider names the
 * same few URLs, and parsing one allocates a URL and its strings each time.
 */
function dispatchTarget(url: string): DispatchTarget {
  let target = targets.get(url);
  if (target) return target;
  const parsed = new URL(url);
  target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
  // URLs that name the model (Gemini, Bedrock) must not grow the map without end
  if (targets.size >= maxTargets) targets.clear();
  targets.set(url, target);
  return target;
}

/**
 * POSTs a JSON body upstream through the shared keep-alive pool and maps transport failures
 * (refused, reset, timed out, aborted) to RelayErrors the attempt loop understands. A body given
 * as text is encoded to UTF-8 by undici; bytes go as they are.
 */
export function sendUpstream(
  url: string,
  body: string | Buffer,
  headers: Record<string, string>,
  context: AdapterContext,
  /** How long a body let go before its end may take to reach it (shortened in tests). */
  releaseGraceMs = defaultReleaseGraceMs,
): Promise<UpstreamReply> {
  context.onDispatch?.();
  return new Promise((resolve, reject) => {
    const { signal } = context;
    if ('aborted' in signal && signal.aborted) {
      reject(mapTransportError(new errors.RequestAbortedError(), context.provider.id));
      return;
    }
    const exchange = new UpstreamExchange(context, resolve, reject, releaseGraceMs);
    exchange.listen();
    try {
      const { origin, path } = dispatchTarget(url);
      context.dispatcher.dispatch(
        {
          origin,
          path,
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
          headersTimeout: context.provider.timeoutMs,
          bodyTimeout: context.provider.timeoutMs,
        },
        exchange,
      );
    } catch (error) {
      exchange.onResponseError(undefined, error as Error);
    }
  });
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
export function readBodyText(reply: UpstreamReply, provider: string): Promise<string> {
  return reply.text().catch((error: unknown) => {
    if (error instanceof BodyTooLargeError) {
      throw new RelayError(
        'UPSTREAM_PROTOCOL_ERROR',
        `${provider}: upstream answer is larger than ${inMb(error.limitBytes)}`,
        { provider },
      );
    }
    const mapped = mapTransportError(error, provider);
    if (mapped.code === 'CLIENT_CLOSED' || mapped.code === 'UPSTREAM_TIMEOUT') throw mapped;
    throw new RelayError('UPSTREAM_STREAM_ERROR', `${provider}: upstream response was cut off`, {
      provider,
      cause: error,
    });
  });
}
