import type { CatalogEntry } from '../catalog/catalog-types.js';
import type { ClientActivity } from './client-activity.js';
import type { HistoryStats } from './history-stats.js';
import type { RequestRecord } from './history-records.js';
import type { KeyUsage } from './key-usage.js';
import type { GroupMeasures, MeasuredPair } from './model-measures.js';
import type { AttemptRow, CostSummary, ListRequestsQuery, RequestRow } from './query-history.js';
import type { RepriceDay } from './reprice-history.js';
import type { HistoryFilter } from './search-history.js';

/** What the history answers, on whichever engine holds it. */
export interface HistoryReads {
  /** One page of the history table, newest first, and how many requests match in all. */
  search(
    filter: HistoryFilter,
    page?: { offset?: number; limit?: number },
  ): Promise<{ total: number; rows: RequestRow[] }>;
  /** Newest requests first, keyset-paginated by created_at. */
  listRequests(query?: ListRequestsQuery): Promise<RequestRow[]>;
  /** One request with its attempts, or undefined. */
  getRequest(id: string): Promise<(RequestRow & { attempts: AttemptRow[] }) | undefined>;
  /** Known cost, unpriced and cached requests since a time. */
  summarizeCost(query?: { since?: number }): Promise<CostSummary>;
  /** The history page's charts, in buckets of a day (or shorter for a short range). */
  stats(filter: HistoryFilter, bucketMs?: number, now?: number): Promise<HistoryStats>;
  /** The values the filter menus offer since a time. */
  facets(since: number): Promise<{ clients: string[]; models: string[]; providers: string[] }>;
  /** Every request the filter matches, newest first, read a page at a time (the CSV export). */
  exportRequests(filter: HistoryFilter): AsyncIterable<RequestRow>;
  /** What the matching requests' tokens would have cost at another model's prices, per day. */
  reprice(filter: HistoryFilter, target: CatalogEntry): Promise<RepriceDay[]>;
  /** A client's priced spend from `since` until `until` (default now), unix ms. */
  spendSince(client: string, since: number, until?: number): Promise<number>;
  /** The model browser's measured columns, grouped by `keyOf`. */
  measureModels(
    range: { from?: number; to?: number },
    keyOf?: (pair: MeasuredPair) => string | undefined,
  ): Promise<GroupMeasures[]>;
  /** Spend and requests per provider key since a time. */
  keyUsage(since: number): Promise<KeyUsage[]>;
  /** Model names clients got answers from since a time, most used first. */
  recentModels(since: number, limit?: number): Promise<string[]>;
  /** Each named client's latest request and spend since a day. */
  clientActivity(names: readonly string[], since: number): Promise<Map<string, ClientActivity>>;
}

/**
 * The request history on SQLite (the default, in switchboard.db) or PostgreSQL (a team's shared
 * history), chosen by `storage.history`. The batched writer is its only writer.
 */
export interface HistoryStore extends HistoryReads {
  readonly engine: 'sqlite' | 'postgres';
  /**
   * Writes requests and their attempts, all or none; a request id written again replaces its row.
   * SQLite answers synchronously (undefined), so the writer adds no await where none is needed.
   */
  writeBatch(batch: readonly RequestRecord[]): void | Promise<void>;
  /** True when a failed write was about a record's content, so retrying that record cannot succeed. */
  rejects(error: unknown): boolean;
  /**
   * Where batches go to a writing thread (SQLite's history thread): waits until those handed over
   * are written, then writes `batch` on this thread, so an explicit flush leaves every record
   * readable when it returns. Absent where writes are not handed off.
   */
  writeNow?(batch: readonly RequestRecord[]): void;
  /** Resolves when the store answers (for /ready); rejects with why not. */
  check(): Promise<void>;
  close(): Promise<void>;
}
