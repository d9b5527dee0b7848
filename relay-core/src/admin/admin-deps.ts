import type Database from 'better-sqlite3';
import type { Catalog } from '../catalog/load-catalog.js';
import type { RefreshedCatalog } from '../catalog/refresh-catalog.js';
import type { PriceOverrides } from '../catalog/price-overrides.js';
import type { ToolPlace } from '../connect/coding-tool.js';
import type { ModelDiscovery } from '../discovery/model-discovery.js';
import type { RelayRuntime } from '../pipeline/relay-runtime.js';
import type { SecretResolver } from '../secrets/create-secret-store.js';
import type { CapturedBodies } from '../store/captured-bodies.js';
import type { HistoryStore } from '../store/history-store.js';
import type { HistoryWriterStatus } from '../store/history-writer.js';

/** What the admin API reads and changes; start-relay.ts builds it. */
export interface AdminDeps {
  /** switchboard.db: client keys, captured bodies, the response store and the cache (the history too, by default). */
  db: Database.Database;
  /** The request history, on SQLite or PostgreSQL. */
  history: HistoryStore;
  /** The history writer's backlog and losses (records spooled while the store is away, dropped past the spool's bound). */
  historyStatus?: () => HistoryWriterStatus;
  runtime: RelayRuntime;
  secrets: SecretResolver;
  catalog: Catalog;
  /** What each provider's model list said; asked again on demand. */
  discovery?: ModelDiscovery;
  /** Refreshes the catalog from providers' /models (and OpenRouter's list), stores and applies it. */
  refreshCatalog?(withOpenRouter: boolean): Promise<RefreshedCatalog>;
  overrides: () => PriceOverrides;
  url: () => string;
  /** config.yaml; when absent the config endpoints answer that editing is not available. */
  configPath?: string;
  /** Re-reads config.yaml into the running relay now (the file watcher would, a moment later). */
  reloadConfig?: () => void;
  /** Why config.yaml as it is on disk is not in force (refused by validation or by the reload guard). */
  configProblem?: () => { message: string; at: number } | undefined;
  /** Forgets cached provider keys after one was stored or deleted. */
  forgetKeys?: () => void;
  /** A client key valid for this run only, used by the UI's playground (recorded as client `playground`). */
  playgroundKey?: string;
  /**
   * Where coding tools keep their settings (the user's home folder and environment) and the data
   * folder for backups of them; when absent the tool endpoints answer that connecting is not available.
   */
  tools?: { place: ToolPlace; dataHome: string };
  /** Request and answer bodies kept when `history.capture` is on. */
  captured?: CapturedBodies;
}
