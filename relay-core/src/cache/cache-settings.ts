import type { CacheConfig, RouteCacheConfig } from '../config/cache-gates-schema.js';

/** One request's cache settings: the global block with its route's overrides applied. */
export interface CacheSettings {
  exact: { enabled: boolean; always: boolean; ttlMs: number };
  semantic: {
    enabled: boolean;
    embeddingModel?: string;
    threshold: number;
    rewriteModel?: string;
    ttlMs: number;
  };
  maxBytes: number;
}

const day = 24 * 3600;

/** Merges a route's `cache` over the global one, with the documented defaults. */
export function resolveCacheSettings(global: CacheConfig, route?: RouteCacheConfig): CacheSettings {
  const exact = { ...global.exact, ...route?.exact };
  const semantic = { ...global.semantic, ...route?.semantic };
  return {
    exact: {
      enabled: exact.enabled ?? true,
      always: exact.always ?? false,
      ttlMs: (exact.ttl_seconds ?? day) * 1000,
    },
    semantic: {
      enabled: (semantic.enabled ?? false) && semantic.embedding_model !== undefined,
      embeddingModel: semantic.embedding_model,
      threshold: semantic.threshold ?? 0.9,
      rewriteModel: semantic.rewrite_model,
      ttlMs: (semantic.ttl_seconds ?? day) * 1000,
    },
    maxBytes: Math.floor(global.max_size_mb * 1024 * 1024),
  };
}
