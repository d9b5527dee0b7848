/**
 * The admin API's answers as the UI reads them (relay-core/src/admin/admin-routes.ts). Declared
 * here rather than imported, so the bundle depends on the HTTP contract and not on relay internals;
 * admin-types.conformance.ts makes the typecheck fail when relay-core's types drift from these.
 */

/** A configured provider; its key is never sent, only where it was found. */
export interface ProviderStatus {
  id: string;
  preset: string;
  baseUrl: string;
  region: string;
  hasKey: boolean;
  /** 'keychain', 'env', 'encrypted-file', 'none needed', … */
  keySource?: string;
  /** The key's last four characters (`…abcd`); the full key never reaches the UI. */
  keyHint?: string;
  /** The names of all its keys (`default`, `work`, …), in the order its strategy uses them. */
  keyNames?: string[];
  displayName?: string;
  /** The worst circuit among this provider's models. */
  circuit?: 'closed' | 'half-open' | 'open';
  failingTargets?: number;
  /** The last key test, until the key changes. */
  keyTest?: KeyTestResult & { at: number };
  /** What its model list said at the last look (on start, after a config change, on demand). */
  discovery?: ProviderDiscovery;
}

/** A provider's model list at its last look; `down` is said once, not per request. */
export interface ProviderDiscovery {
  state: 'listed' | 'down' | 'failed' | 'no-key' | 'no-list';
  /** How many models it lists. */
  models: number;
  /** Of those, how many only its list names (shown as served, unpriced; free when local). */
  notInCatalog: number;
  checkedAt: number;
  error?: string;
}

/** `POST /admin/models/discover` */
export interface DiscoverReport {
  providers: Array<ProviderDiscovery & { id: string }>;
}

/** `GET /admin/keys?days=`: each provider's named keys with what they were used for. */
export interface ProviderKeys {
  since: number;
  providers: Array<{
    id: string;
    strategy: 'round_robin' | 'weighted' | 'fill_first';
    keys: Array<{
      name: string;
      /** The last four characters (`…abcd`); the key itself never reaches the UI. */
      keyHint: string;
      source: string;
      requests: number;
      costUsd: number;
      /** Why it is left out now (Retry-After, open circuit). */
      held?: string;
    }>;
  }>;
}

/** `POST /admin/keys/test`: the key works, or what stands in the way. */
export interface KeyTestResult {
  ok: boolean;
  kind:
    | 'ok'
    | 'offline'
    | 'dns'
    | 'refused'
    | 'timeout'
    | 'tls'
    | 'rejected'
    | 'wrong-url'
    | 'rate-limited'
    | 'server-error'
    | 'no-key'
    | 'unsupported';
  status?: number;
  message: string;
}

/** `GET /admin/status` */
export interface RelayStatus {
  version: string;
  /** Where the relay listens, without `/v1`. */
  endpoint: string;
  providers: ProviderStatus[];
  clientKeys: number;
  /** Why config.yaml as it is on disk is not in force; the last good config is. */
  configProblem?: { message: string; at: number };
  /** Providers that are the built-in emulator (`--demo`): their answers are replays. */
  demoProviders?: string[];
  /**
   * Where the history is written and what waits: records not yet in the store (`spooled` of them on
   * disk while PostgreSQL is away), and records lost past the spool's bound (`dropped`).
   */
  history?: {
    store: 'sqlite' | 'postgres';
    pending: number;
    spooled: number;
    dropped: number;
    rejected: number;
    failing: boolean;
  };
  /** Where limits, budgets, breakers and the exact cache live: this relay's memory, or Redis shared with other relays. */
  state?: StoreState;
}

/** `GET /admin/status` `state`: `shared` is false while Redis was asked for but is away. */
export interface StoreState {
  kind: 'memory' | 'redis';
  shared: boolean;
  /** The Redis server, its password removed. */
  server?: string;
  /** Why state is local although Redis was asked for. */
  problem?: string;
}

/** One client request from `GET /admin/requests`, newest first. */
export interface RequestRow {
  id: string;
  createdAt: number;
  client?: string;
  dialect: string;
  requestedModel: string;
  provider?: string;
  /** The name of the provider key that answered (`default`, `work`); never the key. */
  keyName?: string;
  upstreamModel?: string;
  status: 'ok' | 'error' | 'client_closed';
  httpStatus?: number;
  errorCode?: string;
  /** Why it failed, as its client was told (secrets redacted). */
  errorMessage?: string;
  stream: boolean;
  ttftMs?: number;
  latencyMs?: number;
  overheadMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  /** null when nothing could be priced (no usage, or no price known). */
  costUsd?: number | null;
  /** The catalog has no price for the model: shown as such, never as $0. */
  unpriced: boolean;
}

/** `GET /admin/requests` */
export interface RequestsPage {
  requests: RequestRow[];
}

/** Where one figure of a catalog entry comes from. */
export interface FigureSource {
  source: string;
  date: string;
  name?: string;
  version?: string;
}

/** One source's figure where sources disagree. */
export interface SourceFigure {
  source: string;
  date: string;
  model: string;
  value: number;
}

/** One model of `GET /admin/catalog`; prices are USD per token. */
export interface CatalogRow {
  provider: string;
  model: string;
  aliases?: string[];
  mode: string;
  input?: number;
  output?: number;
  cacheRead?: number;
  cacheWrite?: number;
  cacheWrite1h?: number;
  contextWindow?: number;
  maxOutput?: number;
  /** What the sources say the model takes; absent: no source says. */
  capabilities: Partial<
    Record<
      'tools' | 'parallelTools' | 'vision' | 'reasoning' | 'jsonSchema' | 'promptCaching' | 'audioIn' | 'pdf',
      boolean
    >
  >;
  /** 'user' when a price from config.yaml overrides the catalog's. */
  source: string;
  priceDate: string;
  /** Each price's (and the limits') source and date. */
  provenance: Partial<Record<string, FigureSource>>;
  /** Where sources price the model more than 5 % apart, or give different context windows. */
  disagreements?: Array<{ field: 'input' | 'output' | 'contextWindow'; figures: SourceFigure[] }>;
  /** A configured provider that can answer (it has a key or needs none) lists it. */
  available: boolean;
  /** The configured providers that list it. */
  providerIds: string[];
  /** Both prices are $0. */
  free: boolean;
  /** A preview, experimental or beta model. */
  preview: boolean;
  /** No input or no output price is known: requests are recorded unpriced, never $0. */
  unpriced: boolean;
  /** Only a configured provider's own model list names it: served there, described by no source. */
  discovered?: boolean;
  /** The user's own figures from the history over the page's window; absent: no data yet. */
  measured?: ModelMeasures;
}

/** The windows the model browser measures over (`window`). */
export type MeasureWindow = '24h' | '7d' | '30d' | 'all';

/** One model's figures from the user's own history (`GET /admin/history/models`, catalog `measured`). */
export interface ModelMeasures {
  /** Requests answered by (or failed at) the model, cache hits included. */
  requests: number;
  /** Known cost of those requests; absent when none was priced. */
  spendUsd?: number;
  cacheSavedUsd: number;
  /** Upstream tries that ended in an answer or an error. */
  tries: number;
  /** Failed tries over tries, 0 to 1. */
  errorRate?: number;
  ttftP50Ms?: number;
  ttftP95Ms?: number;
  /** Output tokens per second after the first token, streamed answers only. */
  tokensPerSecond?: number;
}

/** `GET /admin/catalog` */
export interface CatalogPage {
  total: number;
  /** The date of the catalog's freshest source. */
  priceDate: string;
  /** The catalog's sources, by id. */
  source: string;
  /** Every catalog provider with a model of the mode asked for, for the provider menu. */
  providers: string[];
  /** When the catalog was last refreshed from providers and OpenRouter, if ever. */
  refreshedAt: string | null;
  /** The window the `measured` figures cover. */
  window: MeasureWindow;
  entries: CatalogRow[];
}

/** `POST /admin/catalog/refresh` */
export interface CatalogRefreshReport {
  refreshedAt: string;
  sources: Array<{
    source: string;
    ok: boolean;
    models: number;
    added: number;
    updated: number;
    error?: string;
  }>;
  entries: number;
}

/** A request with the fields only the history page shows. */
export interface HistoryRow extends RequestRow {
  route?: string;
  cache: string;
  usageEstimated: boolean;
  attemptCount: number;
  cacheReadTokens?: number;
  /** A cache hit: what its answer cost when it was bought upstream. */
  savedUsd?: number;
}

/** One upstream try of a request. */
export interface AttemptRow {
  attemptIndex: number;
  provider: string;
  /** The name of the provider key it used; never the key. */
  keyName?: string;
  upstreamModel: string;
  startedAt: number;
  status: string;
  httpStatus?: number;
  errorCode?: string;
  /** Why it failed, in the upstream's words where it gave some (secrets redacted). */
  errorMessage?: string;
  latencyMs?: number;
  ttftMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  costUsd: number | null;
  unpriced: boolean;
  /** What the relay changed in the request to fit this target. */
  fitted?: FitNote[];
}

/** One change made to fit a request to a target (max_tokens clamped, reasoning left out, …). */
export interface FitNote {
  param: string;
  change: 'clamped' | 'set' | 'mapped' | 'left out' | 'kept';
  from?: string | number;
  to?: string | number;
  why: string;
}

/** `GET /admin/history/request?id=` */
export interface RequestDetail extends HistoryRow {
  attempts: AttemptRow[];
  /** Its request and answer bodies were captured (`GET /admin/history/bodies`). */
  captured?: boolean;
}

/** `GET /admin/history/bodies?id=`: what was sent and answered, cut and scrubbed. */
export interface CapturedBodies {
  requestId: string;
  createdAt: number;
  request: string;
  answer: string;
  /** Whole sizes before cutting. */
  requestBytes: number;
  answerBytes: number;
}

/** config.yaml `history.capture`. */
export interface CaptureSettings {
  enabled: boolean;
  max_bytes: number;
  retention_days: number;
  redact: 'secrets' | 'personal';
}

/** `GET /admin/history` */
export interface HistoryPage {
  total: number;
  rows: HistoryRow[];
}

/** `GET /admin/history/stats` */
export interface HistoryStats {
  /** A day, or an hour or a few minutes when a short range asked for it. */
  bucketMs: number;
  days: Array<{
    /** `2026-11-28`, or `2026-11-28T14:00Z` for a bucket shorter than a day. */
    day: string;
    /** When the bucket starts (unix ms). */
    at: number;
    requests: number;
    errors: number;
    costUsd: number;
    cacheHits: number;
    cacheSavedUsd: number;
    latencyP50Ms?: number;
    latencyP95Ms?: number;
  }>;
  costByModel: Array<{ day: string; key: string; costUsd: number }>;
  costByProvider: Array<{ day: string; key: string; costUsd: number }>;
}

/** `POST /admin/history/reprice` */
export interface RepriceResult {
  target: string;
  days: Array<{ day: string; requests: number; recordedCostUsd: number; whatIfCostUsd: number }>;
  totals: { requests: number; recordedCostUsd: number; unpricedRequests: number; whatIfCostUsd: number };
}

/** A route as config.yaml spells it. */
export interface RouteConfig {
  name: string;
  targets: string[];
  strategy?: string;
  weights?: number[];
  when?: {
    max_input_tokens?: number;
    min_input_tokens?: number;
    tools?: boolean;
    images?: boolean;
    json_schema?: boolean;
    reasoning?: boolean;
    keywords?: string[];
    regex?: string;
    clients?: string[];
    complexity?: 'simple' | 'complex';
    /** Coding tools (claude-code, codex, gemini-cli, opencode, aider, continue): any of them. */
    agent?: string[];
    /** What the call is for (main, background, subagent, thinking, long_context): any of them. */
    purpose?: string[];
  };
  policy?: { regions: string[] };
  /** hedge: the delay before the second target starts (unset: the first's p90 time to first token). */
  hedge_delay_ms?: number;
  cache?: {
    exact?: { enabled?: boolean; always?: boolean; ttl_seconds?: number };
    semantic?: { enabled?: boolean; threshold?: number; embedding_model?: string; [key: string]: unknown };
    [key: string]: unknown;
  };
  gates?: {
    min_length?: number;
    json?: boolean;
    forbidden?: string[];
    retries?: number;
    escalations?: number;
    buffer_streams?: boolean;
    [key: string]: unknown;
  };
  /** Keys this form does not edit are kept as they are in config.yaml. */
  [key: string]: unknown;
}

/** One problem in config.yaml: the key path and what is wrong. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** `GET /admin/config` */
export interface ConfigView {
  path: string;
  yaml: string;
  routes: RouteConfig[];
  /** The strategies this relay accepts. */
  strategies: string[];
  presets: Array<{ id: string; displayName: string; region: string; baseUrl: string; keyless: boolean }>;
  capture: CaptureSettings;
}

/** What a config edit answers. */
export type ConfigEditResult = { ok: true; yaml: string } | { ok: false; issues: ConfigIssue[] };

/** `POST /admin/routing/explain` */
export interface ExplainResult {
  route: string | null;
  estimatedInputTokens: number;
  assumedOutputTokens: number;
  /** The coding tool the request would come from, and what told. */
  agent: { id: string; source: string } | null;
  purposes: Array<{ purpose: string; why: string }>;
  /** The routes of the requested name tried in order, with each condition's verdict. */
  conditions: Array<{
    matched: boolean;
    conditions: Array<{ condition: string; expected: unknown; holds: boolean; observed: string }>;
  }>;
  /** Why the first eligible target is picked, in its strategy's terms. */
  whyPicked?: string;
  eligible: Array<{
    target: string;
    provider: string;
    region: string;
    predictedCostUsd: number | null;
    predictedLatencyMs: number | null;
    unpriced: boolean;
    /** What the request would be changed to fit this target. */
    fitted: FitNote[];
    /** The provider key it would use: name and last four characters. */
    key: { name: string; keyHint: string } | null;
  }>;
  excluded: Array<{ target: string; reason: string }>;
  /** Calls made for the request besides its attempts, and where each would go under its policy. */
  sideCalls?: Array<{
    kind: 'evaluator' | 'embedding' | 'rewrite';
    model: string;
    targets: Array<{ target: string; provider: string; region: string }>;
    excluded: Array<{ target: string; reason: string }>;
  }>;
}

/** A client key as listed (never the key). */
export interface ClientKeyRow {
  id: number;
  name: string;
  prefix: string;
  createdAt: number;
  lastUsedAt?: number;
  revokedAt?: number;
}

/** `GET /admin/clients`: a client's spend to date, as its budgets count it (UTC day and month). */
export interface ClientSpend {
  name: string;
  todayUsd: number;
  monthUsd: number;
}

/** A client's limits from config.yaml. */
export interface ClientLimits {
  name: string;
  requests_per_minute?: number;
  spend_per_day_usd?: number;
  spend_per_month_usd?: number;
  models?: string[];
}

/** A model name that works for a coding tool (`GET /admin/tools`). */
export interface WorkingModel {
  name: string;
  kind: 'route' | 'recent' | 'provider';
  smallModel: string;
}

/** One coding tool with its connection and activity (`GET /admin/tools`). */
export interface ToolRow {
  id: string;
  displayName: string;
  /** `changed`: connected, but some of the relay's settings were changed or removed since. */
  state: 'connected' | 'changed' | 'not-connected';
  /** Connected to another address than the relay's current one. */
  elsewhere: boolean;
  files: string[];
  keyName: string;
  origin?: string;
  model?: string;
  smallModel?: string;
  connectedAt?: number;
  lastRequestAt?: number;
  /** Today's spend and requests (UTC day, as client budgets count). */
  spentTodayUsd: number;
  requestsToday: number;
  working: WorkingModel[];
  /** What connecting writes into each file, with `<client key>` in place of the key. */
  snippets: Array<{ path: string; text: string }>;
}

/** `GET /admin/tools` */
export interface ToolsView {
  endpoint: string;
  tools: ToolRow[];
}

/** What happened to one settings file. */
export interface FileOutcome {
  path: string;
  action: 'created' | 'updated' | 'unchanged' | 'restored' | 'deleted' | 'kept-edits';
  kept?: string[];
}

/** `POST /admin/tools/connect` */
export interface ConnectReport {
  tool: string;
  displayName: string;
  origin: string;
  model: string;
  smallModel: string;
  keyName: string;
  key: 'reused' | 'created' | 'rotated';
  files: FileOutcome[];
  notes: string[];
}

/** `POST /admin/tools/disconnect` */
export interface DisconnectReport {
  tool: string;
  displayName: string;
  files: FileOutcome[];
  keyRevoked: boolean;
}

/** `POST /admin/import/preview` and `/apply`: the change to config.yaml; never a key, only whose. */
export interface ImportView {
  source: 'litellm' | 'ccr' | 'cc-switch';
  /** The line diff of config.yaml: `@@` between runs, then ` `, `-` or `+` and the line. */
  diff: string;
  /** Providers whose key from the file goes to the secret store. */
  keys: string[];
  notes: string[];
  untranslated: string[];
}

/** `GET /admin/export/litellm`: an equivalent LiteLLM config.yaml (key references, no keys). */
export interface LitellmExport {
  yaml: string;
  notes: string[];
}
