import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Agent } from 'undici';
import type Database from 'better-sqlite3';
import { createAdminRoutes } from './admin/admin-routes.js';
import { createCatalog, readCatalogFile } from './catalog/load-catalog.js';
import {
  loadRefreshed,
  mergeRefreshed,
  openRouterModelsUrl,
  refreshCatalog,
  saveRefreshed,
} from './catalog/refresh-catalog.js';
import type { Catalog } from './catalog/load-catalog.js';
import { computeCost } from './catalog/compute-cost.js';
import { createPriceOverrides, findPriceEntry } from './catalog/price-overrides.js';
import type { Config } from './config/schema.js';
import { configFileName, loadConfig, reloadConfig } from './config/load-config.js';
import { firstStartConfigText } from './config/first-start-config.js';
import { detectProviders } from './discovery/detect-providers.js';
import type { FirstStartReport } from './discovery/detect-providers.js';
import { isLocalServer, ModelDiscovery } from './discovery/model-discovery.js';
import { watchConfig } from './config/watch-config.js';
import { defaultHome } from './config/default-home.js';
import { anthropicAdapter } from './providers/anthropic/anthropic-provider.js';
import { azureAdapter } from './providers/azure/azure-provider.js';
import { bedrockAdapter } from './providers/bedrock/bedrock-provider.js';
import { geminiAdapter } from './providers/gemini/gemini-provider.js';
import { openAICompatibleAdapter } from './providers/openai-compatible/openai-compatible-provider.js';
import { deadlinesOf } from './providers/types.js';
import type { ProviderAdapter, ResolvedProvider } from './providers/types.js';
import type { AdapterKind } from './config/presets.js';
import { openAIResponsesAdapter } from './providers/openai-responses/openai-responses-provider.js';
import type { RelayRuntime } from './pipeline/relay-runtime.js';
import { toRequestRecord } from './pipeline/to-request-record.js';
import { resolveProviders } from './routing/resolve-providers.js';
import { ProviderHealth } from './routing/provider-health.js';
import { LatencyStats } from './routing/latency-stats.js';
import { defaultMaxSimpleTokens } from './routing/classify-complexity.js';
import type { RouteEntry, Target } from './routing/resolve-targets.js';
import type { RequestFeatures } from './routing/match-route.js';
import { ClientLimiter } from './pipeline/client-limits.js';
import type { ProviderConfigEntry } from './routing/resolve-providers.js';
import { createSecretStore } from './secrets/create-secret-store.js';
import type { NamedKey } from './secrets/named-keys.js';
import { KeyPool } from './pipeline/key-pool.js';
import type { SecretResolver } from './secrets/create-secret-store.js';
import { redactor } from './secrets/redact.js';
import { createRelayServer } from './server/create-server.js';
import { createClientAuthenticator } from './server/client-auth.js';
import { openDatabase } from './store/open-database.js';
import { createResponseStore } from './store/response-store.js';
import { createResponsesCodec } from './dialects/openai-responses/responses-codec.js';
import { createHistoryWriter } from './store/history-writer.js';
import { createStoredKeyVerifier } from './store/client-keys.js';
import { createCapturedBodies } from './store/captured-bodies.js';
import type { ExchangeCapture } from './server/capture-exchange.js';
import { AnswerCache } from './cache/answer-cache.js';
import { createRuntimeEmbedder } from './pipeline/runtime-embedder.js';
import { createRuntimeRewriter } from './pipeline/runtime-rewriter.js';
import { createRuntimeEvaluator } from './pipeline/runtime-evaluator.js';
import { RelayActivity } from './pipeline/relay-activity.js';
import { onSlowPattern, patternBudgetMs } from './shared/match-pattern.js';

export interface StartRelayOptions {
  /** Data folder; default SWITCHBOARD_HOME or the OS app-data folder. */
  home?: string;
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  env?: NodeJS.ProcessEnv;
  /** Providers added for this run only (e.g. the demo emulator); never written to config.yaml. */
  extraProviders?: ProviderConfigEntry[];
  /** Secret store to use instead of keychain → env → encrypted file (tests). */
  secrets?: SecretResolver;
  /** Where the built renderer lives (default dist/renderer). */
  uiRoot?: string;
  /** Start-up and reload messages; default console.error. Always redacted. */
  log?: (line: string) => void;
  /** History batching (tests flush explicitly). */
  historyFlushIntervalMs?: number;
  /**
   * false: a missing config.yaml is written as the plain default, without looking for provider
   * keys and local servers (the demo, whose providers are its own). Default true.
   */
  detectProviders?: boolean;
}

export interface RelayHandle {
  url: string;
  host: string;
  port: number;
  home: string;
  adminToken: string;
  db: Database.Database;
  runtime: RelayRuntime;
  server: Server;
  /** What each provider's model list said; `discovery.settled()` waits for the look in progress. */
  discovery: ModelDiscovery;
  /** Set when this start wrote config.yaml: what it found on the machine (never a key). */
  firstStart?: FirstStartReport;
  configPath: string;
  /** Writes queued history rows now. */
  flushHistory(): void;
  close(): Promise<void>;
}

const keyCacheMs = 30_000;
/** Requests count as flowing for a config reload while one ended this recently (or is in flight). */
const flowingWithinMs = 60_000;

const adapters: Record<AdapterKind, ProviderAdapter> = {
  'openai-compatible': openAICompatibleAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
  azure: azureAdapter,
  bedrock: bedrockAdapter,
};
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);

function fallbackOf(config: Config): RelayRuntime['fallback'] {
  return {
    on: config.fallback.on,
    firstTokenTimeoutMs: config.fallback.first_token_timeout_ms,
    firstByteTimeoutMs: config.fallback.first_byte_timeout_ms,
    maxAttempts: config.fallback.max_attempts,
    resumeStreams: config.fallback.resume_streams,
  };
}

/** Spend per client is read from the history, cached for a few seconds per client and period. */
function createLimiter(db: Database.Database, config: Config): ClientLimiter {
  // what the history held when this relay started; the limiter counts every request recorded since
  const startedAt = Date.now();
  const spend = db.prepare(
    'SELECT COALESCE(SUM(cost_usd), 0) AS spent FROM requests WHERE client = ? AND created_at >= ? AND created_at < ?',
  );
  const limiter = new ClientLimiter(
    (client, since) => (spend.get(client, since, startedAt) as { spent: number }).spent,
  );
  limiter.configure(config.clients);
  return limiter;
}

/**
 * The routes a request can name: the user's own, then the built-in `auto` (when its tiers are
 * configured and no route of that name exists), then aliases (one name, several providers).
 */
export function routesOf(config: Config): RouteEntry[] {
  const routes: RouteEntry[] = config.routes.map(
    ({ hedge_delay_ms, first_token_timeout_ms, first_byte_timeout_ms, ...route }) => {
      const deadlines = deadlinesOf({ first_token_timeout_ms, first_byte_timeout_ms });
      return {
        ...route,
        ...(hedge_delay_ms === undefined ? {} : { hedgeDelayMs: hedge_delay_ms }),
        ...(deadlines ? { deadlines } : {}),
      };
    },
  );
  const taken = new Set(routes.map((route) => route.name));
  if (config.auto && !taken.has('auto')) {
    const { simple, complex } = config.auto;
    routes.push(
      {
        name: 'auto',
        when: { complexity: 'simple' },
        targets: [...simple, ...complex],
        tiers: [...simple.map(() => 0), ...complex.map(() => 1)],
        strategy: 'cheapest',
      },
      { name: 'auto', targets: complex, strategy: 'cheapest' },
    );
  }
  for (const [name, targets] of Object.entries(config.aliases)) {
    if (!taken.has(name)) routes.push({ name, targets, strategy: 'ordered' });
  }
  return routes;
}

/**
 * What the catalog says a target lacks for a request: a context window smaller than its input
 * (always), and — for the `auto` route's tiers, which promise a capable model — tools or images.
 * A model the catalog does not know, or a capability no source speaks of, is given the benefit of
 * the doubt.
 */
function incapableOf(catalog: Catalog, target: Target, features: RequestFeatures): string | undefined {
  const entry = catalog.find(target.provider.preset.catalogProvider, target.model);
  if (!entry) return undefined;
  if (entry.contextWindow !== undefined && features.inputTokens > entry.contextWindow)
    return `its context window (${entry.contextWindow} tokens) is smaller than this request (about ${features.inputTokens})`;
  if (target.tier === undefined) return undefined;
  if (features.tools && entry.capabilities.tools === false) return 'the catalog lists no tool support';
  if (features.images && entry.capabilities.vision === false) return 'the catalog lists no image input';
  return undefined;
}

function breakerOf(config: Config) {
  const { breaker } = config.fallback;
  return {
    failures: breaker.failures,
    cooldownMs: breaker.cooldown_ms,
    errorRatio: breaker.error_ratio,
    windowMs: breaker.window_ms,
    minRequests: breaker.min_requests,
  };
}

/** The user's home folder, where coding tools keep their settings (HOME in tests, as for the tools). */
function userHome(env: NodeJS.ProcessEnv): string {
  return (process.platform === 'win32' ? env.USERPROFILE : env.HOME) || homedir();
}

/** Whether a provider serves a bare model name: its own model list, then the catalog. */
export function servesFrom(catalog: () => Catalog) {
  return (provider: ResolvedProvider, model: string): boolean =>
    provider.models.includes(model) || catalog().find(provider.preset.catalogProvider, model) !== undefined;
}

/**
 * Starts the relay: config, history database, catalog, secrets, HTTP server. The same entry
 * serves `npm run relay` and Electron's utility process.
 */
export async function startRelay(options: StartRelayOptions = {}): Promise<RelayHandle> {
  const env = options.env ?? process.env;
  const log = (line: string) => (options.log ?? console.error)(redactor.redact(line));
  const home = options.home ?? defaultHome(env, process.platform);
  mkdirSync(home, { recursive: true, mode: 0o700 });
  // a provider's key_env names the variable its key is read from; none before config.yaml is read
  let keyEnvs: Config['providers'] = [];
  const keyEnv = (id: string) => keyEnvs.find((provider) => provider.id === id)?.key_env;
  const secrets = options.secrets ?? (await createSecretStore({ home, env, onWarning: log, keyEnv }));
  const dispatcher = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, connections: 256 });
  // only a start without config.yaml looks at the machine: an existing file is the user's word
  const firstStart =
    options.detectProviders !== false && !existsSync(join(home, configFileName))
      ? await detectProviders({
          secrets,
          env,
          dispatcher,
          relayPort: options.port ?? (Number(env.SWITCHBOARD_PORT) || 4141),
        })
      : undefined;
  const { config: initialConfig, path: configPath } = loadConfig(
    home,
    env,
    firstStart ? firstStartConfigText(firstStart.providers) : undefined,
  );
  let config = initialConfig;
  keyEnvs = config.providers;
  const host = options.host ?? config.server.host;
  const port = options.port ?? config.server.port;
  if (!loopbackHosts.has(host) && !config.server.expose_lan) {
    throw new Error(
      `refusing to listen on ${host}: set server.expose_lan: true in ${configPath} to expose the relay to the network`,
    );
  }

  const db = openDatabase(join(home, 'switchboard.db'));
  const writer = createHistoryWriter(db, {
    flushIntervalMs: options.historyFlushIntervalMs,
    onError: (error: unknown) => log(`history: write failed, will retry: ${String(error)}`),
  });
  const bundledCatalog = readCatalogFile();
  const storedRefresh = loadRefreshed(home, log);
  let refreshed = storedRefresh;
  let catalog = createCatalog(mergeRefreshed(bundledCatalog, storedRefresh), storedRefresh?.refreshedAt);
  const keyCache = new Map<string, { keys: Promise<NamedKey[]>; at: number }>();
  // the keychain is asked at most every keyCacheMs per provider, not for every request
  const listKeys = (provider: ResolvedProvider) => {
    const cached = keyCache.get(provider.id);
    const now = Date.now();
    if (cached && now - cached.at < keyCacheMs) return cached.keys;
    const keys = secrets.keysOf(provider.id);
    keyCache.set(provider.id, { keys, at: now });
    return keys;
  };
  const clientApiKey = env.SWITCHBOARD_API_KEY;
  const extraProviders = options.extraProviders ?? [];
  let overrides = createPriceOverrides(config.prices);

  const runtime: RelayRuntime = {
    providers: resolveProviders([...config.providers, ...extraProviders]),
    routes: routesOf(config),
    maxSimpleTokens: config.auto?.max_simple_tokens ?? defaultMaxSimpleTokens,
    fallback: fallbackOf(config),
    maxBodyBytes: config.server.max_body_bytes,
    limiter: createLimiter(db, config),
    health: new ProviderHealth(breakerOf(config)),
    latency: new LatencyStats(),
    policy: { regions: config.policy.regions },
    serves: servesFrom(() => catalog),
    adapterFor(provider, model) {
      // models served only by the Responses API (o1-pro, codex, deep research) go there
      if (provider.preset.id === 'openai' && catalog.find('openai', model)?.mode === 'responses')
        return openAIResponsesAdapter;
      return adapters[provider.preset.adapter];
    },
    dispatcher,
    activity: new RelayActivity(),
    async getKey(provider) {
      return (await runtime.keys.choose(provider, { peek: true })).key?.key;
    },
    keys: new KeyPool(listKeys, breakerOf(config)),
    price(provider, model, usage) {
      const entry = findPriceEntry(catalog, overrides, provider, model);
      if (!entry) return { costUsd: null, unpriced: true };
      if (!usage) return { costUsd: null, unpriced: false };
      // the prices in force now: a price change from a date, or a provider's peak hours
      const cost = computeCost(usage, entry, { at: Date.now() });
      return cost === undefined ? { costUsd: null, unpriced: true } : { costUsd: cost, unpriced: false };
    },
    contextWindow(provider, model) {
      return catalog.find(provider.preset.catalogProvider, model)?.contextWindow;
    },
    catalogEntry: (provider, model) => catalog.find(provider.preset.catalogProvider, model),
    incapable: (target, features) => incapableOf(catalog, target, features),
    record: (entry) => {
      const record = toRequestRecord(entry, (text) => redactor.redact(text));
      runtime.limiter.settle(record.client, record.id, record.createdAt, record.costUsd);
      writer.record(record);
    },
    redact: (text) => redactor.redact(text),
    now: () => performance.now(),
    wallClock: () => Date.now(),
    listModels(provider) {
      // a local server lists what it has pulled, not every model the catalog knows of its kind
      const known =
        provider.models.length > 0
          ? provider.models
          : isLocalServer(provider)
            ? []
            : catalog.modelsFor(provider.preset.catalogProvider);
      const listed = discovery.ownChatModels(provider, catalog);
      return listed ? [...new Set([...known, ...listed])] : known;
    },
  };

  const discovery = new ModelDiscovery({
    getKey: (provider) => runtime.getKey(provider),
    dispatcher,
    log,
    redact: (text) => redactor.redact(text),
  });
  for (const found of firstStart?.providers ?? [])
    if (found.models) discovery.remember(found.id, found.models);
  // models only a provider's own list names join the catalog: listed, shown and priced as such
  const rebuildCatalog = () => {
    const base = createCatalog(mergeRefreshed(bundledCatalog, refreshed), refreshed?.refreshedAt);
    const beyond = discovery.entriesBeyond(base, runtime.providers);
    catalog =
      beyond.length === 0
        ? base
        : createCatalog(
            { sources: base.sources, entries: [...base.entries, ...beyond] },
            refreshed?.refreshedAt,
          );
  };
  discovery.onChange(rebuildCatalog);
  rebuildCatalog();
  const signatureOf = (provider: ResolvedProvider) =>
    JSON.stringify([provider.id, provider.preset.id, provider.baseUrl, provider.headers]);
  /** Lists the models of providers that are new or changed (a config reload), in the background. */
  const discoverChanged = (before: readonly ResolvedProvider[]) => {
    const known = new Set(before.map(signatureOf));
    discovery.keepOnly(runtime.providers);
    const changed = runtime.providers.filter((provider) => !known.has(signatureOf(provider)));
    if (changed.length > 0) void discovery.discover(changed);
    else rebuildCatalog();
  };

  const applyConfig = (next: Config) => {
    const before = runtime.providers;
    runtime.providers = resolveProviders([...next.providers, ...extraProviders]);
    runtime.routes = routesOf(next);
    runtime.maxSimpleTokens = next.auto?.max_simple_tokens ?? defaultMaxSimpleTokens;
    runtime.fallback = fallbackOf(next);
    runtime.maxBodyBytes = next.server.max_body_bytes;
    server.headersTimeout = next.server.headers_timeout_ms;
    server.requestTimeout = Math.max(next.server.request_timeout_ms, next.server.headers_timeout_ms);
    runtime.health.configure(breakerOf(next));
    runtime.keys.configure(breakerOf(next));
    runtime.limiter.configure(next.clients);
    runtime.policy = { regions: next.policy.regions };
    keyCache.clear();
    overrides = createPriceOverrides(next.prices);
    runtime.cache?.configure(next.cache);
    config = next;
    keyEnvs = next.providers;
    discoverChanged(before);
  };
  // why the file as it is now is not in force (the UI shows it until a good file is applied)
  let configProblem: { message: string; at: number } | undefined;
  const refuseConfig = (message: string) => {
    configProblem = { message: redactor.redact(message), at: runtime.wallClock() };
    log(`config: ${message}; the last good config stays in force`);
  };
  const stopPatternReports = onSlowPattern((pattern) =>
    log(
      `config: the pattern /${pattern}/ ran longer than ${patternBudgetMs} ms and was stopped; it is skipped from now on (rewrite it in ${configPath})`,
    ),
  );
  const watcher = watchConfig(configPath, {
    onChange: (next: Config) => {
      const leftWithNone =
        runtime.providers.length > 0 && resolveProviders([...next.providers, ...extraProviders]).length === 0;
      // a file that loses every provider while tools are using the relay is far more often a save
      // half done than a wish; the app's own edits (explicit) are applied at once
      if (leftWithNone && runtime.activity.flowing(runtime.now(), flowingWithinMs)) {
        refuseConfig(
          `${configPath} removes every provider while requests are being served; not applied. Remove them in the app, or save the file again once no request has come for a minute`,
        );
        return;
      }
      try {
        applyConfig(next);
        configProblem = undefined;
        log(`config: reloaded ${configPath}`);
      } catch (error) {
        refuseConfig(String((error as Error).message));
      }
    },
    onError: (error: Error) => refuseConfig(error.message),
  });

  runtime.cache = new AnswerCache(db, {
    embed: createRuntimeEmbedder(runtime),
    rewrite: createRuntimeRewriter(runtime),
    now: () => runtime.wallClock(),
    onError: log,
  });
  runtime.cache.configure(config.cache);
  runtime.evaluate = createRuntimeEvaluator(runtime);

  const captured = createCapturedBodies(db);
  const capture: ExchangeCapture = {
    settings: () => config.history.capture,
    // a response that ends as the relay closes finds the database closed: nothing to keep then
    save: (exchange, retentionDays) => {
      if (db.open) captured.save(exchange, retentionDays);
    },
    redactSecrets: (text) => redactor.redact(text),
  };

  const adminToken = randomBytes(24).toString('base64url');
  // the UI's playground streams through /v1 like any client; this key lives for this run only
  const playgroundKey = `sb-playground-${randomBytes(24).toString('base64url')}`;
  const server = createRelayServer({
    runtime,
    timeouts: {
      headersMs: config.server.headers_timeout_ms,
      requestMs: config.server.request_timeout_ms,
    },
    allowedHosts: () => config.server.allowed_hosts,
    authenticateClient: createClientAuthenticator(
      [
        { key: clientApiKey, name: 'env' },
        { key: playgroundKey, name: 'playground' },
      ],
      createStoredKeyVerifier(db),
    ),
    adminToken,
    adminRoutes: createAdminRoutes({
      db,
      runtime,
      secrets,
      get catalog() {
        return catalog;
      },
      discovery,
      async refreshCatalog(withOpenRouter) {
        await discovery.discover(runtime.providers);
        const base = createCatalog(bundledCatalog);
        const next = await refreshCatalog({
          base,
          listings: discovery.listings(base, runtime.providers),
          dispatcher,
          openRouter:
            withOpenRouter && config.catalog.openrouter
              ? (config.catalog.openrouter_url ?? openRouterModelsUrl)
              : false,
          redact: (text) => redactor.redact(text),
        });
        saveRefreshed(home, next);
        refreshed = next;
        rebuildCatalog();
        return next;
      },
      overrides: () => overrides,
      url: () => url,
      configPath,
      reloadConfig: () => {
        applyConfig(reloadConfig(configPath, env));
        configProblem = undefined;
      },
      configProblem: () => configProblem,
      forgetKeys: () => keyCache.clear(),
      playgroundKey,
      tools: { place: { home: userHome(env), env }, dataHome: home },
      captured,
    }),
    uiRoot: options.uiRoot ?? fileURLToPath(new URL('../../dist/renderer', import.meta.url)),
    capture,
    statefulCodecs: {
      '/v1/responses': createResponsesCodec(
        createResponseStore(db, config.responses.store_days * 24 * 3600 * 1000),
      ),
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    watcher.close();
    stopPatternReports();
    writer.close();
    db.close();
    void dispatcher.close();
    if (error.code === 'EADDRINUSE') {
      throw new Error(
        `port ${port} on ${host} is already in use: stop the other relay or set SWITCHBOARD_PORT`,
      );
    }
    throw error;
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  // the listener is up: lists are fetched behind it, never delaying the first request
  void discovery.discover(runtime.providers);

  let closing: Promise<void> | undefined;
  return {
    url,
    host,
    port: actualPort,
    home,
    adminToken,
    db,
    runtime,
    server,
    discovery,
    ...(firstStart ? { firstStart } : {}),
    configPath,
    flushHistory: () => writer.flush(),
    close() {
      closing ??= (async () => {
        watcher.close();
        stopPatternReports();
        await discovery.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await dispatcher.close().catch(() => undefined);
        runtime.cache?.close();
        writer.close();
        db.close();
      })();
      return closing;
    },
  };
}
