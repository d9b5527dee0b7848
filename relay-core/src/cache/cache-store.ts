import type Database from 'better-sqlite3';
import type { CanonicalResponse } from '../canonical/types.js';
import { toBlob } from './vector-index.js';

/** A cached answer and what it cost when it was bought. */
export interface CachedAnswer {
  key: string;
  answer: CanonicalResponse;
  provider: string;
  upstreamModel: string;
  /** null: the model had no price. */
  costUsd: number | null;
}

/** What a fresh answer is stored with. */
export interface CacheWrite {
  key: string;
  scope: string;
  answer: CanonicalResponse;
  provider: string;
  upstreamModel: string;
  costUsd: number | null;
  expiresAt: number;
  /** Semantic entries: the embedded prompt, its vector and how long it may be matched. */
  semantic?: { promptText: string; vector: Float32Array; expiresAt: number };
}

/**
 * What an entry counts against the cache's size bound. Twice the payload: SQLite stores rows of a
 * few kB one or two to a 4 kB page, plus the key in its index, so this is what an entry really
 * takes on disk; the shared cache counts its entries the same way, so one bound means the same.
 */
export function cacheEntryBytes(key: string, answerJson: string, vectorBytes = 0, promptText = ''): number {
  return (
    2 *
    (Buffer.byteLength(answerJson) +
      vectorBytes +
      Buffer.byteLength(promptText) +
      Buffer.byteLength(key) * 2 +
      128)
  );
}

/**
 * The `cache_entries` table: exact lookups by key, LRU eviction by byte size. Hits are counted
 * later in one batch, off the request path.
 */
export class CacheStore {
  private readonly select: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly touch: Database.Statement;
  private readonly totalBytes: Database.Statement;
  private readonly deleteExpired: Database.Statement;
  private readonly oldest: Database.Statement;
  private readonly deleteKey: Database.Statement;
  private readonly sizeOf: Database.Statement;
  private pendingHits = new Map<string, { count: number; at: number }>();
  private hitTimer: NodeJS.Immediate | undefined;
  private bytes: number;
  private writes = 0;

  constructor(private readonly db: Database.Database) {
    this.select = db.prepare(
      'SELECT key, answer, provider, upstream_model AS upstreamModel, cost_usd AS costUsd FROM cache_entries WHERE key = ? AND expires_at > ?',
    );
    this.insert = db.prepare(`INSERT OR REPLACE INTO cache_entries (key, scope, created_at, expires_at,
      last_hit_at, hits, size_bytes, provider, upstream_model, cost_usd, answer, prompt_text, vector,
      semantic_expires_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.touch = db.prepare('UPDATE cache_entries SET hits = hits + ?, last_hit_at = ? WHERE key = ?');
    this.totalBytes = db.prepare('SELECT COALESCE(SUM(size_bytes), 0) AS bytes FROM cache_entries');
    this.deleteExpired = db.prepare('DELETE FROM cache_entries WHERE expires_at <= ?');
    this.oldest = db.prepare(
      'SELECT key, size_bytes AS size FROM cache_entries ORDER BY last_hit_at LIMIT 64',
    );
    this.deleteKey = db.prepare('DELETE FROM cache_entries WHERE key = ?');
    this.sizeOf = db.prepare('SELECT size_bytes AS size FROM cache_entries WHERE key = ?');
    this.bytes = (this.totalBytes.get() as { bytes: number }).bytes;
  }

  /** The live entry under a key, or undefined. */
  get(key: string, now: number): CachedAnswer | undefined {
    const row = this.select.get(key, now) as (Omit<CachedAnswer, 'answer'> & { answer: string }) | undefined;
    if (!row) return undefined;
    return { ...row, answer: JSON.parse(row.answer) as CanonicalResponse };
  }

  /** Counts a hit (written with the next batch). */
  recordHit(key: string, now: number): void {
    const pending = this.pendingHits.get(key);
    this.pendingHits.set(key, { count: (pending?.count ?? 0) + 1, at: now });
    this.hitTimer ??= setImmediate(() => {
      try {
        this.flushHits();
      } catch {
        // hit counts only order eviction; losing a batch of them is harmless
      }
    });
  }

  flushHits(): void {
    if (this.hitTimer) clearImmediate(this.hitTimer);
    this.hitTimer = undefined;
    const hits = this.pendingHits;
    this.pendingHits = new Map();
    if (hits.size === 0 || !this.db.open) return;
    this.db.transaction(() => {
      for (const [key, { count, at }] of hits) this.touch.run(count, at, key);
    })();
  }

  /** Stores an answer, then evicts expired and least recently used entries down to `maxBytes`. */
  put(entry: CacheWrite, now: number, maxBytes: number): void {
    const answer = JSON.stringify(entry.answer);
    const vector = entry.semantic ? toBlob(entry.semantic.vector) : null;
    const size = cacheEntryBytes(entry.key, answer, vector?.byteLength ?? 0, entry.semantic?.promptText);
    if (size > maxBytes) return;
    const store = this.db.transaction(() => {
      const replaced = this.sizeOf.get(entry.key) as { size: number } | undefined;
      this.insert.run(
        entry.key,
        entry.scope,
        now,
        entry.expiresAt,
        now,
        size,
        entry.provider,
        entry.upstreamModel,
        entry.costUsd,
        answer,
        entry.semantic?.promptText ?? null,
        vector,
        entry.semantic?.expiresAt ?? null,
      );
      this.bytes += size - (replaced?.size ?? 0);
      // expired entries are never served; clear them out now and then, not on every write
      if (++this.writes % 100 === 0 && this.deleteExpired.run(now).changes > 0) this.recount();
      if (this.bytes > maxBytes) this.evict(now, maxBytes);
    });
    // taken as a writer from the start: a transaction that read first and finds another
    // connection (the history thread) writing fails at once, without the busy timeout's wait
    store.immediate();
  }

  /** Bytes the cache holds (its rows' answers, prompts and vectors, with a fixed row overhead). */
  size(): number {
    return this.bytes;
  }

  private recount(): void {
    this.bytes = (this.totalBytes.get() as { bytes: number }).bytes;
  }

  private evict(now: number, maxBytes: number): void {
    if (this.deleteExpired.run(now).changes > 0) this.recount();
    // down to 90%, so a full cache does not evict on every write
    const target = maxBytes * 0.9;
    while (this.bytes > target) {
      const victims = this.oldest.all() as Array<{ key: string; size: number }>;
      if (victims.length === 0) break;
      for (const victim of victims) {
        if (this.bytes <= target) break;
        this.deleteKey.run(victim.key);
        this.bytes -= victim.size;
      }
    }
  }

  /** Drops every entry (admin). */
  clear(): void {
    this.db.prepare('DELETE FROM cache_entries').run();
    this.bytes = 0;
  }
}
