import type { Dispatcher } from 'undici';
import type { RelayErrorCode } from '../canonical/errors.js';
import type { FallbackClass } from '../canonical/retry-rules.js';
import type { Dialect, FinishReason, Usage } from '../canonical/types.js';
import type { ProviderAdapter, ResolvedProvider } from '../providers/types.js';
import type { RouteEntry, ServesModel, Target } from '../routing/resolve-targets.js';
import type { RequestFeatures } from '../routing/match-route.js';
import type { ProviderHealth } from '../routing/provider-health.js';
import type { LatencyStats } from '../routing/latency-stats.js';
import type { ClientLimiter } from './client-limits.js';
import type { StateStore } from '../state/state-store.js';
import type { CacheOutcome, FitNote, GateRecord } from '../store/history-records.js';
import type { AnswerCache } from '../cache/answer-cache.js';
import type { Evaluator } from '../gates/run-gates.js';
import type { RelayActivity } from './relay-activity.js';
import type { CatalogEntry } from '../catalog/catalog-types.js';
import type { KeyPool } from './key-pool.js';

export type { FallbackClass } from '../canonical/retry-rules.js';

/** What the attempt loop records about one upstream try. */
export interface AttemptLog {
  provider: string;
  model: string;
  /** The name of the provider's key it used (`default`, `work`); never the key. */
  keyName?: string;
  startedAt: number;
  /** `cancelled`: a hedge's loser, aborted when the other target answered first. */
  status: 'ok' | 'error' | 'client_closed' | 'cancelled';
  httpStatus?: number;
  errorCode?: RelayErrorCode | 'NO_KEY' | 'HEDGE_LOST' | 'GATE_FAILED';
  /** The error's message (the upstream's own words after `<provider>: `), redacted when recorded. */
  errorMessage?: string;
  latencyMs: number;
  ttftMs?: number;
  usage?: Usage;
  costUsd: number | null;
  unpriced: boolean;
  /** Quality gate verdicts on this attempt's answer. */
  gates?: GateRecord[];
  /** What was changed in the request to fit this target (pipeline/fit-request.ts). */
  fitted?: FitNote[];
  /**
   * A continuation of a broken stream: the characters of answer text the client had when this
   * attempt's text was spliced in after them.
   */
  resumeOffset?: number;
}

/** What the relay records about one client request. */
export interface RequestLog {
  id: string;
  createdAt: number;
  client?: string;
  /** The client's W3C `traceparent`, for the request's spans (never stored in the history). */
  traceparent?: string;
  /** Why the answer the client got ended, for the request's spans (not stored in the history). */
  finishReason?: FinishReason;
  dialect: Dialect;
  requestedModel: string;
  route?: string;
  provider?: string;
  upstreamModel?: string;
  status: 'ok' | 'error' | 'client_closed';
  httpStatus: number;
  errorCode?: string;
  /** What the client was told on failure, redacted when recorded. */
  errorMessage?: string;
  stream: boolean;
  ttftMs?: number;
  latencyMs: number;
  overheadMs: number;
  usage?: Usage;
  costUsd: number | null;
  unpriced: boolean;
  /** Where the answer came from (default `miss`). */
  cache?: CacheOutcome;
  /** A cache hit: what the answer cost when it was first bought. */
  savedUsd?: number;
  /** The attempt whose answer the client got (its cost is `costUsd`); other attempts' costs add up. */
  answeredBy?: AttemptLog;
  /** Calls made on the request's behalf besides its attempts (embedding the prompt). */
  sideCostUsd?: number;
  attempts: AttemptLog[];
}

export interface PriceResult {
  costUsd: number | null;
  unpriced: boolean;
}

/**
 * Everything a request handler needs, as one object whose fields are swapped on config reload;
 * a request reads what is current when it starts and keeps it to its end.
 */
export interface RelayRuntime {
  providers: ResolvedProvider[];
  routes: RouteEntry[];
  fallback: {
    on: FallbackClass[];
    firstTokenTimeoutMs: number;
    /** A whole answer's deadline for its response headers (see AttemptDeadlines). */
    firstByteTimeoutMs: number;
    maxAttempts: number;
    /** A broken text stream is continued by the next target (config `fallback.resume_streams`). */
    resumeStreams?: boolean;
  };
  maxBodyBytes: number;
  /** Per-client limits: model allowlist, requests per minute, spend per day/month. */
  limiter: ClientLimiter;
  /** Where state is shared with other relays (this process's memory alone by default). */
  state: StateStore;
  /** Circuit breakers and Retry-After per provider/model. */
  health: ProviderHealth;
  /** Above this estimated input the `auto` classifier calls a request complex. */
  maxSimpleTokens: number;
  /** Recorded latency per provider/model (the `fastest` strategy, hedge delays). */
  latency: LatencyStats;
  /** Global data-residency policy (routes may set their own). */
  policy: { regions?: string[] };
  serves: ServesModel;
  /** The adapter that serves this model at this provider (undefined: not in this build). */
  adapterFor(provider: ResolvedProvider, model: string): ProviderAdapter | undefined;
  dispatcher: Dispatcher;
  /** Model requests in flight and the last one's end: whether a request found the relay idle. */
  activity: RelayActivity;
  /** A key of the provider, for calls outside the attempt loop (the key its strategy would use next). */
  getKey(provider: ResolvedProvider): Promise<string | undefined>;
  /** Each provider's named keys, their holds and breakers, and which one an attempt uses. */
  keys: KeyPool;
  price(provider: ResolvedProvider, model: string, usage: Usage | undefined): PriceResult;
  /** The catalog's context window of a model at a provider, when known. */
  contextWindow(provider: ResolvedProvider, model: string): number | undefined;
  /** The catalog's entry for a model at a provider (limits, capabilities), when it knows the model. */
  catalogEntry(provider: ResolvedProvider, model: string): CatalogEntry | undefined;
  /** Why a target cannot serve a request with these features, if the catalog says it cannot. */
  incapable(target: Target, features: RequestFeatures): string | undefined;
  record(log: RequestLog): void;
  redact(text: string): string;
  /** Monotonic milliseconds (performance.now in production; injectable in tests). */
  now(): number;
  /** Wall-clock milliseconds for timestamps. */
  wallClock(): number;
  /** The exact and semantic answer cache (undefined: no cache, e.g. in unit tests). */
  cache?: AnswerCache;
  /** Scores answers for routes with an evaluator gate. */
  evaluate?: Evaluator;
  /** Lists the models each provider serves, for GET /v1/models. */
  listModels(provider: ResolvedProvider): string[];
}

/** A request's log before anything happened: a failure until an attempt succeeds. */
export function newRequestLog(
  meta: { id: string; createdAt: number; client?: string; model?: string; traceparent?: string },
  dialect: Dialect,
  body: unknown,
  attempts: AttemptLog[],
): RequestLog {
  const wire = (body ?? {}) as { model?: unknown; stream?: unknown };
  return {
    id: meta.id,
    createdAt: meta.createdAt,
    client: meta.client,
    dialect,
    requestedModel: meta.model ?? (typeof wire.model === 'string' ? wire.model : ''),
    // every field named in the literal, none spread: a spread makes each one after it a slow add
    traceparent: meta.traceparent,
    status: 'error',
    httpStatus: 0,
    stream: wire.stream === true,
    latencyMs: 0,
    overheadMs: 0,
    costUsd: null,
    unpriced: false,
    attempts,
  };
}
