import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import type { CanonicalRequest, CanonicalResponse } from '../canonical/types.js';
import type { CacheConfig, RouteCacheConfig } from '../config/cache-gates-schema.js';
import type { CacheOutcome } from '../store/history-records.js';
import type { CacheDirective } from './cache-directive.js';
import { exactCacheKey, isDeterministic } from './cache-key.js';
import { resolveCacheSettings } from './cache-settings.js';
import type { CacheSettings } from './cache-settings.js';
import { CacheStore } from './cache-store.js';
import type { CachedAnswer } from './cache-store.js';
import type { Embedder } from './embedder.js';
import { isRewritable } from './rewriter.js';
import type { Rewriter } from './rewriter.js';
import { semanticConflict } from './semantic-guard.js';
import { parseSharedEntry, shareSavedAnswer } from './share-cache-entries.js';
import { hasImages, promptTextOf, semanticScope } from './semantic-scope.js';
import { createVectorIndex } from './vector-index.js';
import type { VectorIndex } from './vector-index.js';
import type { SideCallPolicy } from '../routing/side-call-policy.js';
import type { StateStore } from '../state/state-store.js';

/** Whose request it is, for the cache: its key's partition and its data-residency policy. */
export interface CacheScope {
  /** The client key's partition: answers are kept apart per key unless `cache.shared`. */
  partition?: string;
  /** Where the request's text may go: the embedding and rewrite calls stay inside. */
  regions?: readonly string[];
}

/** What the cache said about one request. */
export interface CacheLookup {
  outcome: CacheOutcome;
  hit?: CachedAnswer & {
    similarity?: number;
    /** Set when the rewrite model adapted the answer: what that cost (null: unpriced). */
    rewriteCostUsd?: number | null;
  };
  /** Keeps a fresh answer for next time; undefined when this request must not be cached. */
  save?: (answer: CanonicalResponse, provider: string, upstreamModel: string, costUsd: number | null) => void;
  settings?: CacheSettings;
  /** Time spent waiting on models (embedding, rewrite): upstream time, not the relay's own. */
  upstreamMs?: number;
  /** What embedding the prompt cost: part of the request's cost, hit or miss. */
  embeddingCostUsd?: number;
}

/** Answers worth keeping: complete ones (not cut by a filter or an error). */
const cacheableFinish = new Set<CanonicalResponse['finishReason']>(['stop', 'tool_calls', 'length']);

/**
 * Candidates compared per semantic lookup: the guard may refuse the nearest, and questions kept
 * that differ from this one only by a number or a name crowd the top.
 */
const semanticCandidates = 20;

export interface AnswerCacheOptions {
  embed: Embedder;
  /** Adapts semantic hits when a route names a `rewrite_model`. */
  rewrite?: Rewriter;
  /** Wall-clock ms (TTL and LRU). */
  now: () => number;
  /** Told about embedding failures (the request then goes upstream). Redacted by the caller. */
  onError?: (message: string) => void;
  /** false: never try sqlite-vec (tests of the fallback). */
  preferVectorExtension?: boolean;
  /** Shared state: exact entries are also kept there, so one relay's answer is another's hit. */
  state?: StateStore;
}

/**
 * The exact and semantic answer cache over `cache_entries` (DESIGN.md §2 "cache lookup"), kept
 * apart per client key (its partition is part of every key and scope) unless `cache.shared`.
 * Exact: the canonical request's hash, for deterministic requests (temperature 0, a seed) or
 * routes and clients that opt in. Semantic (opt-in): the nearest embedded prompt in the same
 * route/system prompt/tools scope, above the threshold and past the lexical guard.
 */
export class AnswerCache {
  readonly store: CacheStore;
  readonly index: VectorIndex;
  private config: CacheConfig | undefined;

  constructor(
    db: Database.Database,
    private readonly options: AnswerCacheOptions,
  ) {
    this.store = new CacheStore(db);
    this.index = createVectorIndex(db, { preferExtension: options.preferVectorExtension });
    options.state?.onEntry((json) => this.keepShared(json));
  }

  /** Keeps a semantic entry another relay saved, under this relay's own size bound. */
  private keepShared(json: string): void {
    if (!this.config) return;
    try {
      const entry = parseSharedEntry(json);
      const now = this.options.now();
      if (entry.expiresAt > now) this.store.put(entry, now, this.settingsFor(undefined)!.maxBytes);
    } catch (error) {
      this.options.onError?.(
        `cache: could not keep an answer shared by another relay: ${(error as Error).message}`,
      );
    }
  }

  configure(config: CacheConfig): void {
    this.config = config;
    this.settingsByRoute = new WeakMap();
  }

  /** Each route's settings, worked out once per configuration (a route is replaced, not changed, on reload). */
  private settingsByRoute = new WeakMap<object, CacheSettings>();
  private globalSettings: { config: CacheConfig; settings: CacheSettings } | undefined;

  /** A route's cache settings over the global block, as a lookup would use them (undefined: no config yet). */
  settingsFor(route: { cache?: RouteCacheConfig } | undefined): CacheSettings | undefined {
    const { config } = this;
    if (!config) return undefined;
    if (!route?.cache) {
      if (this.globalSettings?.config !== config)
        this.globalSettings = { config, settings: resolveCacheSettings(config) };
      return this.globalSettings.settings;
    }
    let settings = this.settingsByRoute.get(route.cache);
    if (!settings) {
      settings = resolveCacheSettings(config, route.cache);
      this.settingsByRoute.set(route.cache, settings);
    }
    return settings;
  }

  /**
   * Looks a request up; never throws: an embedding failure is a semantic miss, a database error
   * a bypass (reported through `onError`). Answers at once, without a promise, when the request is
   * not one to look up or keep (most requests, with the default settings).
   */
  lookup(
    request: CanonicalRequest,
    route: { cache?: RouteCacheConfig } | undefined,
    directive: CacheDirective | undefined,
    scope: CacheScope = {},
  ): CacheLookup | Promise<CacheLookup> {
    try {
      const settings = directive === 'off' ? undefined : this.settingsFor(route);
      if (!settings) return { outcome: 'bypass' };
      const exact =
        settings.exact.enabled && (isDeterministic(request) || settings.exact.always || directive === 'on');
      const semantic = settings.semantic.enabled && !hasImages(request);
      if (!exact && !semantic) return { outcome: 'bypass', settings };
      const partition = this.config?.shared ? undefined : scope.partition;
      return this.find(request, settings, { exact, semantic }, directive, partition, {
        regions: scope.regions,
      }).catch((error: unknown) => this.failed(error));
    } catch (error) {
      return this.failed(error);
    }
  }

  private failed(error: unknown): CacheLookup {
    this.options.onError?.(`cache: lookup failed, answering without the cache: ${(error as Error).message}`);
    return { outcome: 'bypass' };
  }

  private async find(
    request: CanonicalRequest,
    settings: CacheSettings,
    { exact, semantic }: { exact: boolean; semantic: boolean },
    directive: CacheDirective | undefined,
    partition: string | undefined,
    policy: SideCallPolicy,
  ): Promise<CacheLookup> {
    const now = this.options.now();
    const key = exactCacheKey(request, partition);
    const lookUp = directive !== 'skip-lookup';
    if (exact && lookUp) {
      const hit = this.store.get(key, now);
      if (hit) {
        this.store.recordHit(key, now);
        return { outcome: 'hit-exact', hit, settings };
      }
      const shared = await this.options.state?.getAnswer(key, now);
      if (shared) return { outcome: 'hit-exact', hit: JSON.parse(shared) as CachedAnswer, settings };
    }
    let vector: Float32Array | undefined;
    let promptText = '';
    const scope = semanticScope(request, partition);
    let upstreamMs = 0;
    let embeddingCostUsd: number | undefined;
    if (semantic) {
      promptText = promptTextOf(request);
      const embedStarted = performance.now();
      try {
        const embedded = await this.options.embed(settings.semantic.embeddingModel!, promptText, policy);
        vector = embedded.vector;
        embeddingCostUsd = embedded.costUsd ?? 0;
      } catch (error) {
        this.options.onError?.(
          `cache: embedding failed, semantic lookup skipped: ${(error as Error).message}`,
        );
      }
      upstreamMs += performance.now() - embedStarted;
      if (vector && lookUp) {
        for (const match of this.index.search(scope, vector, now, semanticCandidates)) {
          if (match.similarity < settings.semantic.threshold) break;
          if (semanticConflict(promptText, match.promptText)) continue;
          const hit = this.store.get(match.key, now);
          if (!hit) continue;
          this.store.recordHit(match.key, now);
          const rewriteStarted = performance.now();
          const semanticHit = await this.rewritten(
            { ...hit, similarity: match.similarity },
            settings,
            request,
            policy,
          );
          upstreamMs += performance.now() - rewriteStarted;
          return { outcome: 'hit-semantic', hit: semanticHit, settings, upstreamMs, embeddingCostUsd };
        }
      }
    }
    const embedded = vector;
    return {
      // no-cache: answered fresh (and kept), the cache was not consulted
      outcome: lookUp ? 'miss' : 'bypass',
      settings,
      upstreamMs,
      embeddingCostUsd,
      save: (answer, provider, upstreamModel, costUsd) => {
        if (!cacheableFinish.has(answer.finishReason)) return;
        try {
          const savedAt = this.options.now();
          const exactUntil = exact ? savedAt + settings.exact.ttlMs : 0;
          const semanticUntil = embedded ? savedAt + settings.semantic.ttlMs : 0;
          const write = {
            key,
            scope,
            answer,
            provider,
            upstreamModel,
            costUsd,
            expiresAt: Math.max(exactUntil, semanticUntil),
            semantic: embedded ? { promptText, vector: embedded, expiresAt: semanticUntil } : undefined,
          };
          this.store.put(write, savedAt, settings.maxBytes);
          // while state is local there is no one to tell, nor any need to encode it for them
          if (this.options.state?.status().shared) {
            const exactTtlMs = exact ? settings.exact.ttlMs : undefined;
            shareSavedAnswer(this.options.state, write, { exactTtlMs, maxBytes: settings.maxBytes }, savedAt);
          }
        } catch (error) {
          // the client has its answer; a full disk costs the cache an entry, never the request
          this.options.onError?.(`cache: could not store an answer: ${(error as Error).message}`);
        }
      },
    };
  }

  /** The hit adapted by the route's rewrite model, or as it was when there is none or it fails. */
  private async rewritten(
    hit: NonNullable<CacheLookup['hit']>,
    settings: CacheSettings,
    request: CanonicalRequest,
    policy: SideCallPolicy,
  ): Promise<NonNullable<CacheLookup['hit']>> {
    const model = settings.semantic.rewriteModel;
    if (!model || !this.options.rewrite || !isRewritable(hit.answer)) return hit;
    try {
      const question = promptTextOf({ ...request, messages: request.messages.slice(-1) });
      const { answer, costUsd } = await this.options.rewrite(model, question, hit.answer, policy);
      return { ...hit, answer, rewriteCostUsd: costUsd };
    } catch (error) {
      this.options.onError?.(`cache: rewrite failed, serving the cached answer: ${(error as Error).message}`);
      return hit;
    }
  }

  /** Drops every entry, the shared ones included; returns the bytes this relay's cache held. */
  clear(): number {
    const bytes = this.store.size();
    this.store.clear();
    this.options.state?.clearAnswers();
    return bytes;
  }

  /** Writes pending hit counts. */
  close(): void {
    this.store.flushHits();
  }
}
