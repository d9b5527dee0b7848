import type { Dispatcher } from 'undici';
import type { CanonicalRequest, CanonicalResponse, StreamEvent } from '../canonical/types.js';
import type { ProviderPreset } from '../config/presets.js';

/** A configured provider: its preset merged with the user's overrides from config.yaml. */
export interface ResolvedProvider {
  id: string;
  preset: ProviderPreset;
  baseUrl: string;
  region: string;
  /** Models the user says this provider serves (in addition to the catalog's). */
  models: string[];
  headers: Record<string, string>;
  timeoutMs: number;
  /** Its own attempt deadlines (config `first_token_timeout_ms`, `first_byte_timeout_ms`), over `fallback`'s. */
  deadlines?: AttemptDeadlines;
  /** Azure's `api-version` query parameter. */
  apiVersion?: string;
  /** The environment variable config.yaml names for this provider's key (`key_env`). */
  keyEnv?: string;
  /** How its named keys take turns (config `keys`); absent: `fill_first` in name order, `default` first. */
  keys?: KeySettings;
}

/** How a provider with several keys chooses the one for an attempt (pipeline/key-pool.ts). */
export type KeyStrategy = 'round_robin' | 'weighted' | 'fill_first';

export interface KeySettings {
  strategy: KeyStrategy;
  /** Shares for `weighted` by key name (unnamed: 1; 0: only when every other key is held). */
  weights: Record<string, number>;
  /** Key names first in this order, the others after by name (`default` first among them). */
  order: string[];
}

/**
 * How long an attempt may take to show it is answering, counted from the send, while another
 * target is left: a stream until its first content, a whole answer until its response headers.
 */
export interface AttemptDeadlines {
  firstTokenMs?: number;
  firstByteMs?: number;
}

/** A config entry's deadline fields as `AttemptDeadlines` (undefined when it sets none). */
export function deadlinesOf(entry: {
  first_token_timeout_ms?: number | undefined;
  first_byte_timeout_ms?: number | undefined;
}): AttemptDeadlines | undefined {
  const { first_token_timeout_ms: firstTokenMs, first_byte_timeout_ms: firstByteMs } = entry;
  if (firstTokenMs === undefined && firstByteMs === undefined) return undefined;
  return {
    ...(firstTokenMs === undefined ? {} : { firstTokenMs }),
    ...(firstByteMs === undefined ? {} : { firstByteMs }),
  };
}

/** A one-shot abort the pipeline raises (pipeline/abort-switch.ts): lighter than an AbortSignal. */
export interface AbortSource {
  readonly aborted: boolean;
  /** Calls `listener` once on abort (at once when already aborted); returns its removal. */
  onAbort(listener: () => void): () => void;
}

/** Everything an adapter needs for one upstream call. */
export interface AdapterContext {
  provider: ResolvedProvider;
  /** The upstream model id to ask for. */
  model: string;
  apiKey: string | undefined;
  /** Aborts the upstream request: an AbortSignal, or the pipeline's AbortSource; `sendUpstream` listens to either. */
  signal: AbortSignal | AbortSource;
  dispatcher: Dispatcher;
  /** Called once the upstream's response headers arrived (for timing). */
  onHeaders?: (status: number) => void;
  /** Called as the encoded request is handed to the HTTP client (the end of the relay's own work). */
  onDispatch?: () => void;
  /**
   * Called with each wait for the upstream's body: the next chunk of a stream, or a whole body
   * (upstream time, not relay time).
   */
  onUpstreamWait?: (ms: number) => void;
}

/** What an upstream call produced: a stream of canonical events, or a whole response. */
export type AdapterResult =
  { kind: 'stream'; events: StreamSource } | { kind: 'response'; response: CanonicalResponse };

/**
 * Converts canonical requests to one provider family's wire format and back. `send` resolves once
 * the upstream answered with success headers; upstream failures are thrown as RelayError so the
 * attempt loop can fail over before the client saw a byte.
 */
export interface ProviderAdapter {
  send(request: CanonicalRequest, context: AdapterContext): Promise<AdapterResult>;
  /** Embeddings, for providers that have them. */
  embed?(request: EmbeddingRequest, context: AdapterContext): Promise<EmbeddingResult>;
  /**
   * The request's input tokens as the provider's own counting endpoint counts them, for providers
   * that have one (Anthropic's count_tokens, Gemini's countTokens, Bedrock's CountTokens).
   */
  countTokens?(request: CanonicalRequest, context: AdapterContext): Promise<number>;
}

/** An embeddings request, provider-neutral. */
export interface EmbeddingRequest {
  model: string;
  input: string[];
  dimensions?: number;
  user?: string;
  /** Gemini's task type (`RETRIEVAL_QUERY`, …): what the vectors are for; other providers have no such hint. */
  taskType?: string;
}

export interface EmbeddingResult {
  model: string;
  vectors: number[][];
  /** undefined when the provider does not report it (the relay then counts). */
  inputTokens?: number;
}

/**
 * An upstream's canonical events. `pull` hands out what the last upstream read already holds
 * without a promise: one read often carries hundreds of events, and a promise and an async
 * generator step per event and per layer was a quarter of what a streamed request allocated.
 * `next` waits for the next read when there is nothing left.
 */
export interface StreamSource extends AsyncIterableIterator<StreamEvent> {
  /** The next event if it is already here; undefined when it has to be waited for. */
  pull(): IteratorResult<StreamEvent> | undefined;
  next(): Promise<IteratorResult<StreamEvent>>;
  /** Stops reading the upstream body. */
  return(): Promise<IteratorResult<StreamEvent>>;
  /** Bytes of the last upstream read not yet turned into events (absent: not known). */
  pendingBytes?(): number;
}
