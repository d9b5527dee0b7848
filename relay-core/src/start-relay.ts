import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';
import type { RelayHandle, StartRelayOptions } from './relay-handle.js';
import { createAdminRoutes } from './admin/admin-routes.js';
import { LiveCatalog } from './catalog/live-catalog.js';
import { openRouterModelsUrl } from './catalog/refresh-catalog.js';
import type { Config } from './config/schema.js';
import { defaultHome } from './config/default-home.js';
import { loadStartConfig } from './discovery/load-start-config.js';
import { ModelDiscovery } from './discovery/model-discovery.js';
import { applyRuntimeSettings, runtimeSettingsOf } from './pipeline/runtime-settings.js';
import { createRelayRuntime } from './pipeline/create-relay-runtime.js';
import type { ResolvedProvider } from './providers/types.js';
import { watchLiveConfig } from './pipeline/live-config.js';
import { KeyPool } from './pipeline/key-pool.js';
import { createSecretStore } from './secrets/create-secret-store.js';
import { createKeyCache } from './secrets/key-cache.js';
import { adminTokenOf } from './secrets/admin-token-of.js';
import { redactor } from './secrets/redact.js';
import { createRelayServer, serverTimeoutsOf, setServerTimeouts } from './server/create-server.js';
import { createClientAuthenticator } from './server/client-auth.js';
import { listenRelay } from './server/listen-relay.js';
import { closeServer } from './server/close-server.js';
import { openDatabase } from './store/open-database.js';
import { createResponseStore } from './store/response-store.js';
import { createResponsesCodec } from './dialects/openai-responses/responses-codec.js';
import { createHistoryWriter } from './store/history-writer.js';
import { createHistoryStore } from './store/create-history-store.js';
import { createStoredKeyVerifier } from './store/client-keys.js';
import { createSpendReader } from './store/client-spend.js';
import { createCapturedBodies } from './store/captured-bodies.js';
import { ReadinessProbes, sqliteProbe } from './store/readiness-probes.js';
import { createStateStore } from './state/create-state-store.js';
import { createRelayTelemetry } from './telemetry/relay-telemetry.js';

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);

/** The user's home folder, where coding tools keep their settings (HOME in tests, as for the tools). */
function userHome(env: NodeJS.ProcessEnv): string {
  return (process.platform === 'win32' ? env.USERPROFILE : env.HOME) || homedir();
}

/**
 * Starts the relay: config, history database, catalog, secrets, HTTP server. The same entry
 * serves `npm run relay` and Electron's utility process.
 */
export async function startRelay(options: StartRelayOptions = {}): Promise<RelayHandle> {
  const env = options.env ?? process.env;
  const log = (line: string) => (options.log ?? console.error)(redactor.redact(line));
  const redact = (text: string) => redactor.redact(text);
  const home = options.home ?? defaultHome(env, process.platform);
  const adminToken = adminTokenOf(env);
  mkdirSync(home, { recursive: true, mode: 0o700 });
  // a provider's key_env names the variable its key is read from; none before config.yaml is read
  let keyEnvs: Config['providers'] = [];
  const keyEnv = (id: string) => keyEnvs.find((provider) => provider.id === id)?.key_env;
  const secrets = options.secrets ?? (await createSecretStore({ home, env, onWarning: log, keyEnv }));
  const dispatcher = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, connections: 256 });
  const {
    config,
    path: configPath,
    firstStart,
  } = await loadStartConfig({
    home,
    env,
    secrets,
    dispatcher,
    relayPort: options.port ?? (Number(env.SWITCHBOARD_PORT) || 4141),
    detect: options.detectProviders !== false,
    configPath: options.configPath,
  });
  keyEnvs = config.providers;
  const host = options.host ?? config.server.host;
  if (!loopbackHosts.has(host) && !config.server.expose_lan) {
    throw new Error(
      `refusing to listen on ${host}: set server.expose_lan: true in ${configPath} to expose the relay to the network`,
    );
  }

  const dbPath = join(home, 'switchboard.db');
  const db = openDatabase(dbPath);
  // budgets count what the history held before now, and what this relay records from now on
  const startedAt = Date.now();
  // history moves to PostgreSQL when configured; client keys, bodies, responses and the cache stay here
  const { store: history, spool } = createHistoryStore(config.storage.history, { db, dbPath, home, log });
  // every store the relay is configured with registers its check here, for /ready
  const readiness = new ReadinessProbes();
  readiness.register(sqliteProbe(db));
  if (history.engine === 'postgres') readiness.register({ name: 'postgres', check: () => history.check() });
  const writer = createHistoryWriter(history, {
    flushIntervalMs: options.historyFlushIntervalMs,
    spool,
    onError: (error: unknown) => log(`history: write failed, will retry: ${String(error)}`),
  });
  const catalog = new LiveCatalog(home, config.prices, log);
  const keyCache = createKeyCache((providerId) => secrets.keysOf(providerId));
  const extraProviders = options.extraProviders ?? [];
  const settings = runtimeSettingsOf(config, extraProviders);
  const keys = new KeyPool((provider) => keyCache.keysOf(provider.id), settings.breaker);
  // a store named by URL is connected in the background: until it answers, state is local
  const state = createStateStore(config.storage.state, { log });
  if (state.status().kind === 'redis')
    readiness.register({
      name: 'redis',
      check: () => {
        // the relay serves on from local state meanwhile; /ready says state is not shared
        if (!state.status().shared) throw new Error('state is local');
      },
    });
  const getKey = async (provider: ResolvedProvider) => (await keys.choose(provider, { peek: true })).key?.key;
  const discovery = new ModelDiscovery({ getKey, dispatcher, log, redact });
  for (const found of firstStart?.providers ?? [])
    if (found.models) discovery.remember(found.id, found.models);
  const telemetry = createRelayTelemetry(log);
  await telemetry.configure(config.telemetry);
  const runtime = createRelayRuntime({
    settings,
    db,
    catalog,
    keys,
    getKey,
    dispatcher,
    writer,
    spentBefore:
      history.engine === 'sqlite'
        ? createSpendReader(db, startedAt)
        : (client, since) => history.spendSince(client, since, startedAt),
    listModels: (provider) => discovery.servedModels(provider, catalog.current),
    log,
    state,
    telemetry,
  });
  discovery.onChange(() => catalog.rebuild());
  catalog.addEntriesFrom((base) => discovery.entriesBeyond(base, runtime.providers));

  const live = watchLiveConfig({ initial: config, path: configPath, env, runtime, extraProviders, log });
  live.onApply((next) => {
    const before = runtime.providers;
    applyRuntimeSettings(runtime, runtimeSettingsOf(next, extraProviders));
    keyCache.clear();
    catalog.setPrices(next.prices);
    keyEnvs = next.providers;
    discovery.followChange(before, runtime.providers);
    void telemetry.configure(next.telemetry);
  });

  const captured = createCapturedBodies(db);
  // the UI's playground streams through /v1 like any client; this key lives for this run only
  const playgroundKey = `sb-playground-${randomBytes(24).toString('base64url')}`;
  // known once the server listens; the admin API asks for it only when a request has come in
  let url = '';
  const server = createRelayServer({
    runtime,
    timeouts: serverTimeoutsOf(config.server),
    allowedHosts: () => live.current.server.allowed_hosts,
    authenticateClient: createClientAuthenticator(
      [
        { key: env.SWITCHBOARD_API_KEY, name: 'env' },
        { key: playgroundKey, name: 'playground' },
      ],
      createStoredKeyVerifier(db),
    ),
    adminToken,
    metrics: () => telemetry.scrapeMetrics(),
    adminRoutes: createAdminRoutes({
      db,
      history,
      historyStatus: () => writer.status(),
      runtime,
      secrets,
      get catalog() {
        return catalog.current;
      },
      discovery,
      async refreshCatalog(withOpenRouter) {
        await discovery.discover(runtime.providers);
        const { openrouter, openrouter_url } = live.current.catalog;
        return catalog.refresh({
          listings: (base) => discovery.listings(base, runtime.providers),
          dispatcher,
          openRouter: withOpenRouter && openrouter ? (openrouter_url ?? openRouterModelsUrl) : false,
          redact,
        });
      },
      overrides: () => catalog.overrides,
      url: () => url,
      configPath,
      reloadConfig: () => live.reload(),
      configProblem: () => live.problem(),
      forgetKeys: () => keyCache.clear(),
      playgroundKey,
      tools: { place: { home: userHome(env), env }, dataHome: home },
      captured,
    }),
    uiRoot: options.uiRoot ?? fileURLToPath(new URL('../../dist/renderer', import.meta.url)),
    capture: {
      settings: () => live.current.history.capture,
      // a response that ends as the relay closes finds the database closed: nothing to keep then
      save: (exchange, retentionDays) => {
        if (db.open) captured.save(exchange, retentionDays);
      },
      redactSecrets: redact,
    },
    readiness,
    statefulCodecs: {
      '/v1/responses': createResponsesCodec(
        createResponseStore(db, config.responses.store_days * 24 * 3600 * 1000),
      ),
    },
  });
  live.onApply((next) => setServerTimeouts(server, serverTimeoutsOf(next.server)));

  const listening = await listenRelay(server, options.port ?? config.server.port, host).catch(
    async (error: unknown) => {
      live.close();
      await writer.close();
      await history.close();
      db.close();
      void dispatcher.close();
      void state.close();
      void telemetry.close();
      throw error;
    },
  );
  url = listening.url;
  // the listener is up: lists are fetched behind it, never delaying the first request
  void discovery.discover(runtime.providers);

  let closing: Promise<{ cut: number }> | undefined;
  return {
    url,
    host,
    port: listening.port,
    home,
    adminToken,
    db,
    history,
    runtime,
    server,
    discovery,
    ...(firstStart ? { firstStart } : {}),
    configPath,
    readiness,
    flushHistory: () => writer.flush(),
    close(closeOptions = {}) {
      closing ??= (async () => {
        live.close();
        await discovery.stop();
        const drained = await closeServer(server, closeOptions.drainMs ?? 0);
        await dispatcher.close().catch(() => undefined);
        // every request has been recorded: its spans are sent before the relay is gone
        await telemetry.close();
        runtime.cache?.close();
        await state.close();
        await writer.close();
        await history.close();
        db.close();
        return drained;
      })();
      return closing;
    },
  };
}
