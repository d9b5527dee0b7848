import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import type { Dispatcher } from 'undici';
import { AnswerCache } from '../cache/answer-cache.js';
import type { LiveCatalog } from '../catalog/live-catalog.js';
import { adapterFor } from '../providers/adapter-for.js';
import type { ResolvedProvider } from '../providers/types.js';
import { incapableOf, servesFrom } from '../routing/check-catalog.js';
import { LatencyStats } from '../routing/latency-stats.js';
import { ProviderHealth } from '../routing/provider-health.js';
import { redactor } from '../secrets/redact.js';
import type { StateStore } from '../state/state-store.js';
import type { HistoryWriter } from '../store/history-writer.js';
import type { RelayTelemetry } from '../telemetry/relay-telemetry.js';
import { ClientLimiter } from './client-limits.js';
import type { KeyPool } from './key-pool.js';
import { RelayActivity } from './relay-activity.js';
import type { RelayRuntime } from './relay-runtime.js';
import { createRuntimeEmbedder } from './runtime-embedder.js';
import { createRuntimeEvaluator } from './runtime-evaluator.js';
import { createRuntimeRewriter } from './runtime-rewriter.js';
import { shareRuntimeState } from './share-runtime-state.js';
import { applyRuntimeSettings } from './runtime-settings.js';
import type { RuntimeSettings } from './runtime-settings.js';
import { toRequestRecord } from './to-request-record.js';

/** What the running relay is made of, built by startRelay. */
export interface RuntimeParts {
  settings: RuntimeSettings;
  db: Database.Database;
  catalog: LiveCatalog;
  keys: KeyPool;
  /** The key a side request (a model list) would use now, without claiming it. */
  getKey(provider: ResolvedProvider): Promise<string | undefined>;
  dispatcher: Dispatcher;
  writer: Pick<HistoryWriter, 'record'>;
  /** What the history held of a client's spend since a time, before this relay started (budgets). */
  spentBefore(client: string, since: number): number | Promise<number>;
  /** The models a provider serves, for GET /v1/models. */
  listModels(provider: ResolvedProvider): string[];
  log: (line: string) => void;
  /** Where limits, budgets, breakers, latency and exact answers are shared with other relays. */
  state: StateStore;
  /** Counts each finished request for /metrics and traces it when traces are on. */
  telemetry?: Pick<RelayTelemetry, 'observe'>;
}

/** The runtime every request sees: settings from config.yaml over the relay's parts, cache included. */
export function createRelayRuntime(parts: RuntimeParts): RelayRuntime {
  const { settings, catalog } = parts;
  const redact = (text: string) => redactor.redact(text);
  const runtime: RelayRuntime = {
    ...settings.fields,
    limiter: new ClientLimiter(parts.spentBefore, Date.now, parts.state),
    state: parts.state,
    health: new ProviderHealth(settings.breaker),
    latency: new LatencyStats(),
    serves: servesFrom(() => catalog.current),
    adapterFor: (provider, model) => adapterFor(catalog.current, provider, model),
    dispatcher: parts.dispatcher,
    activity: new RelayActivity(),
    getKey: parts.getKey,
    keys: parts.keys,
    price: (provider, model, usage) => catalog.price(provider, model, usage),
    contextWindow: (provider, model) =>
      catalog.current.find(provider.preset.catalogProvider, model)?.contextWindow,
    catalogEntry: (provider, model) => catalog.current.find(provider.preset.catalogProvider, model),
    incapable: (target, features) => incapableOf(catalog.current, target, features),
    record: (entry) => {
      const record = toRequestRecord(entry, redact);
      runtime.limiter.settle(record.client, record.id, record.createdAt, record.costUsd);
      parts.writer.record(record);
      parts.telemetry?.observe(record, runtime.providers);
    },
    redact,
    now: () => performance.now(),
    wallClock: () => Date.now(),
    listModels: parts.listModels,
  };
  runtime.cache = new AnswerCache(parts.db, {
    embed: createRuntimeEmbedder(runtime),
    rewrite: createRuntimeRewriter(runtime),
    now: () => runtime.wallClock(),
    onError: parts.log,
    state: parts.state,
  });
  shareRuntimeState(runtime, parts.state);
  runtime.evaluate = createRuntimeEvaluator(runtime);
  applyRuntimeSettings(runtime, settings);
  return runtime;
}
