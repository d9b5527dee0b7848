import type { ServerResponse } from 'node:http';
import type { RelayError } from '../canonical/errors.js';
import type { CanonicalRequest, CanonicalResponse } from '../canonical/types.js';
import type { CacheDirective } from '../cache/cache-directive.js';
import type { DialectCodec } from '../dialects/dialect-codec.js';
import type { RouteExtras } from '../gates/route-extras.js';
import type { ClientSignals } from '../routing/identify-agent.js';
import type { RequestFeatures } from '../routing/match-route.js';
import type { Target } from '../routing/resolve-targets.js';
import type { SideCallPolicy } from '../routing/side-call-policy.js';
import type { AbortSwitch } from './abort-switch.js';
import type { Layer } from './layers/compose-layers.js';
import type { RunningAttempt } from './launch-attempt.js';
import type { OverheadClock } from './overhead-clock.js';
import type { RelayHeaderFields } from './relay-headers.js';
import type { AttemptLog, RelayRuntime, RequestLog } from './relay-runtime.js';
import type { StreamResume } from './resume-stream.js';

export interface RequestMeta {
  id: string;
  client?: string;
  /** The client key's partition: its stored responses and cached answers (server/client-auth.ts). */
  partition?: string;
  /** runtime.now() when the body had been read: the relay's clock starts here. */
  receivedAt: number;
  createdAt: number;
  /** What the client's headers asked of the cache (Cache-Control, x-relay-cache). */
  cacheDirective?: CacheDirective;
  /** The client's `anthropic-beta` header, sent on with its body (canonical/client-body.ts). */
  betas?: string;
  /** The model the request's path names (Gemini's `models/{model}:…`): its body names none. */
  model?: string;
  /** The user-agent and headers that say which tool sent the request, and why (route conditions). */
  signals?: ClientSignals;
  /** The client's W3C `traceparent`: the request's trace continues the client's (telemetry). */
  traceparent?: string;
}

/** A whole answer the client was given, with what it cost, for a layer to keep (the cache). */
export interface ServedAnswer {
  answer: CanonicalResponse;
  provider: string;
  upstreamModel: string;
  costUsd: number | null;
}

/**
 * What serving a model request came to: the client has an answer (a layer that keeps it does so
 * through `AttemptHooks.served`), or the error it is to get.
 */
export type ModelOutcome = { served: true } | { error: RelayError };

/**
 * Where the layers reach into each try of a target (as an undici interceptor wraps the handler
 * its dispatch calls): the attempt step calls each hook a layer set, and does nothing else for it.
 */
export interface AttemptHooks {
  /** The request went upstream and no try is left that could send it again. */
  lastSent?: (sent: CanonicalRequest) => void;
  /** An attempt won: what only a new try would read of the request can go. */
  won?: () => void;
  /**
   * Judges a whole answer before the client has it; an error moves on to the next try. A stream
   * is collected whole for it when `collectStreams` is set.
   */
  check?: (
    answer: CanonicalResponse,
    winner: RunningAttempt,
    lastTry: boolean,
  ) => Promise<RelayError | undefined>;
  collectStreams?: boolean;
  /**
   * The answer is final and has just been written to the client, with no wait in between: a layer
   * that keeps it does so now, before the client can ask again. Set, it also has a stream's events
   * collected for it.
   */
  served?: (answer: ServedAnswer) => void;
}

/** One model request being served: what the layers and the attempt step share. */
export interface ModelRequestContext {
  runtime: RelayRuntime;
  codec: DialectCodec;
  request: CanonicalRequest;
  response: ServerResponse;
  meta: RequestMeta;
  log: RequestLog;
  attempts: AttemptLog[];
  /** The relay's own time (`x-relay-overhead-ms`). */
  clock: OverheadClock;
  headerFields: RelayHeaderFields;
  clientGone: AbortSwitch;
  /** The request found the relay idle (pipeline/relay-activity.ts). */
  arrivedIdle: boolean;
  features: RequestFeatures;
  /** The cache, gates and policy of the route that serves the request. */
  extras: RouteExtras | undefined;
  /** The policy calls made for this request (embedding, rewrite, evaluator) keep to. */
  policy: SideCallPolicy;
  /** Every eligible target, in the router's order. */
  targets: Target[];
  /** The tries the attempt engine makes, in order (at most `fallback.max_attempts` targets). */
  tries: Target[];
  /** Set when a layer reads the request after it was sent: it is kept whole. */
  keepsRequest: boolean;
  /** Whether a stream that breaks may be continued by a target left. */
  resumesStreams: boolean;
  /** Set once a stream broke where the next target can continue it: the client's stream stays open. */
  resume?: StreamResume;
  hooks: AttemptHooks;
  /** Records the request with its status, once the client has its response. */
  finish: (status: RequestLog['status'], httpStatus: number, errorCode?: string) => void;
}

/** Cross-cutting behaviour around the attempt engine (cache, budget, gates, releasing the request). */
export type ModelRequestLayer = Layer<ModelRequestContext, ModelOutcome>;
