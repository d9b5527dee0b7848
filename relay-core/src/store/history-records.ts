import type { TokenCounts } from './usage-columns.js';

/** How a client request (or one upstream try) ended. */
export type RequestStatus = 'ok' | 'error' | 'client_closed';

/** Where the answer came from: upstream (`miss`), the exact or semantic cache, or no cache (`bypass`). */
export type CacheOutcome = 'miss' | 'hit-exact' | 'hit-semantic' | 'bypass';

/** One upstream try, as stored in `attempts`. Times are unix ms; durations ms. */
export interface AttemptRecord extends TokenCounts {
  attemptIndex: number;
  provider: string;
  /** The name of the provider's key it used (`key_name`); never the key. */
  keyName?: string;
  upstreamModel: string;
  startedAt: number;
  /** `cancelled`: a hedge's loser, aborted when the other target answered first. */
  status: RequestStatus | 'cancelled';
  httpStatus?: number;
  errorCode?: string;
  /** Why it failed, in the upstream's words where it gave some; redacted of secrets before it is stored. */
  errorMessage?: string;
  latencyMs?: number;
  ttftMs?: number;
  /** null when the model has no price (then `unpriced`); never 0 for "no price". */
  costUsd: number | null;
  unpriced: boolean;
  /** The quality gates this answer went through (JSON in the `gates` column). */
  gates?: GateRecord[];
  /** What the relay changed in the request for this target (JSON in the `fitted` column). */
  fitted?: FitNote[];
  /**
   * This attempt continued a stream that broke: the characters of answer text the client already
   * had, after which its text was spliced in (`resume_offset`).
   */
  resumeOffset?: number;
}

/**
 * One thing the relay changed in a request to fit it to a target from the catalog
 * (pipeline/fit-request.ts): an output limit clamped or set, reasoning mapped or left out.
 */
export interface FitNote {
  /** The parameter, in the client's usual terms: `max_tokens`, `reasoning`, `tools`, … */
  param: string;
  /** `kept`: looked at and sent as asked (explain shows it; attempts record only changes). */
  change: 'clamped' | 'set' | 'mapped' | 'left out' | 'kept';
  from?: string | number;
  to?: string | number;
  /** Why, in a few words ("gpt-4o-mini writes at most 16384 tokens (catalog)"). */
  why: string;
}

/** One quality gate's verdict on one attempt's answer. */
export interface GateRecord {
  gate: 'min_length' | 'json' | 'json_schema' | 'forbidden' | 'evaluator';
  passed: boolean;
  /** Why it failed, or the evaluator's score. */
  detail?: string;
  /** What asking the evaluator model cost (null: unpriced); part of the request's cost. */
  costUsd?: number | null;
}

/**
 * One client request, as stored in `requests`, with its attempts. Token counts follow the
 * canonical `Usage`: input includes cache reads and writes, output includes reasoning, and a count
 * the provider did not report is absent.
 */
export interface RequestRecord extends TokenCounts {
  /** The relay request id (`x-relay-request-id`). */
  id: string;
  createdAt: number;
  client?: string;
  /** The client's W3C `traceparent`: read by the telemetry, not written to the history. */
  traceparent?: string;
  /** Why the answer ended (`stop`, `length`, `tool_calls`, …): read by the telemetry, not stored. */
  finishReason?: string;
  dialect: string;
  requestedModel: string;
  route?: string;
  provider?: string;
  /** The name of the key the answering attempt used (`key_name`); never the key. */
  keyName?: string;
  upstreamModel?: string;
  status: RequestStatus;
  httpStatus?: number;
  errorCode?: string;
  /** Why the request failed, as the client was told; redacted of secrets before it is stored. */
  errorMessage?: string;
  stream: boolean;
  ttftMs?: number;
  latencyMs?: number;
  /** Time spent in the relay itself, excluding upstream. */
  overheadMs?: number;
  /** True when the relay counted some of the tokens because the provider did not report them. */
  usageEstimated: boolean;
  /** null when the model has no price (then `unpriced`); never 0 for "no price". */
  costUsd: number | null;
  unpriced: boolean;
  cache: CacheOutcome;
  /** What a cache hit would have cost upstream (its original answer's cost); absent on misses. */
  savedUsd?: number;
  attemptCount: number;
  attempts: AttemptRecord[];
}
