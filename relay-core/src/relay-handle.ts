import type { Server } from 'node:http';
import type Database from 'better-sqlite3';
import type { FirstStartReport } from './discovery/detect-providers.js';
import type { ModelDiscovery } from './discovery/model-discovery.js';
import type { RelayRuntime } from './pipeline/relay-runtime.js';
import type { ProviderConfigEntry } from './routing/resolve-providers.js';
import type { SecretResolver } from './secrets/create-secret-store.js';
import type { ReadinessProbes } from './store/readiness-probes.js';
import type { HistoryStore } from './store/history-store.js';

/** How to start the relay (every field has a default for `npm run relay`). */
export interface StartRelayOptions {
  /** Data folder; default SWITCHBOARD_HOME or the OS app-data folder. */
  home?: string;
  /**
   * A config.yaml outside the data folder (`serve --config`): read as it is, never created or
   * written by the start; default `config.yaml` in the data folder.
   */
  configPath?: string;
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

/** A running relay, as startRelay returns it. */
export interface RelayHandle {
  url: string;
  host: string;
  port: number;
  home: string;
  adminToken: string;
  /** switchboard.db: client keys, captured bodies, stored responses, the cache, and by default the history. */
  db: Database.Database;
  /** The request history (`storage.history`: switchboard.db or PostgreSQL); `check()` answers /ready. */
  history: HistoryStore;
  runtime: RelayRuntime;
  server: Server;
  /** What each provider's model list said; `discovery.settled()` waits for the look in progress. */
  discovery: ModelDiscovery;
  /** Set when this start wrote config.yaml: what it found on the machine (never a key). */
  firstStart?: FirstStartReport;
  configPath: string;
  /** The stores' checks `/ready` runs; a store registers its own when it opens. */
  readiness: ReadinessProbes;
  /** Writes queued history rows now (on SQLite before it returns; the promise settles when the store answers). */
  flushHistory(): Promise<void>;
  /**
   * Stops the relay: no new requests, those in progress given up to `drainMs` (default 0: cut at
   * once), queued history written, the stores closed. Resolves with how many connections were cut.
   */
  close(options?: { drainMs?: number }): Promise<{ cut: number }>;
}
