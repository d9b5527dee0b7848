import { z } from 'zod';
import { patternSchema } from './pattern-schema.js';

const modelName = z.string().min(1, 'must name a model: provider/model or a route');

/** The exact cache: the same canonical request answered from SQLite. */
const exactCache = z
  .object({
    /** Off: no exact lookups or writes for this route (or anywhere, globally). */
    enabled: z.boolean().optional(),
    /**
     * By default only deterministic requests (temperature 0 or a seed) are cached; `always`
     * caches every request of the route, sampling or not.
     */
    always: z.boolean().optional(),
    ttl_seconds: z.number().int().positive().optional(),
  })
  .strict();

/** The semantic cache: a similar enough question (same route, system prompt and tools) answered from SQLite. */
const semanticCache = z
  .object({
    enabled: z.boolean().optional(),
    /** The embedding model, served by the relay's own providers: `provider/model` or a bare name. */
    embedding_model: modelName.optional(),
    /** Cosine similarity at or above which a cached answer is reused (0–1). */
    threshold: z.number().min(0).max(1).optional(),
    /** Optional cheap model that rewrites a semantically cached answer for the new question. */
    rewrite_model: modelName.optional(),
    ttl_seconds: z.number().int().positive().optional(),
  })
  .strict();

/** A route's cache settings; each key overrides the global `cache` block. */
export const routeCacheSchema = z
  .object({ exact: exactCache.optional(), semantic: semanticCache.optional() })
  .strict();

/** The global `cache` block: defaults for every route, and the size limit of the cache. */
export const cacheSchema = z
  .object({
    exact: exactCache.prefault({}),
    semantic: semanticCache.prefault({}),
    /** The cache's share of switchboard.db, in MB; the least recently used entries go first. */
    max_size_mb: z.number().positive().default(256),
    /**
     * Share cached answers across client keys. Off by default: one key's answer (built from its
     * own prompt) is never served to another. On for a single-user setup, where every key is you
     * and a hit from another tool saves money.
     */
    shared: z.boolean().default(false),
  })
  .strict()
  .prefault({})
  .superRefine((cache, context) => {
    if (cache.semantic.enabled && !cache.semantic.embedding_model)
      context.addIssue({
        code: 'custom',
        path: ['semantic', 'embedding_model'],
        message: 'the semantic cache needs an embedding_model (e.g. openai/text-embedding-3-small)',
      });
  });

/** Quality gates a route's answers must pass; a failure retries or escalates (non-streaming, or buffered streams). */
export const gatesSchema = z
  .object({
    /** Fewer visible characters than this fails. */
    min_length: z.number().int().positive().optional(),
    /** The answer must be valid JSON, and match the request's `json_schema` when it sent one. */
    json: z.boolean().optional(),
    /** Regular expressions (case-insensitive) an answer must not match, e.g. refusals. */
    forbidden: z.array(patternSchema).min(1).optional(),
    /** A model that scores the answer from 0 to 1; below `threshold` fails. */
    evaluator: z
      .object({
        model: modelName,
        /** What the evaluator is asked; the question and the answer are appended. */
        prompt: z.string().min(1).default('Rate how well the answer serves the question.'),
        threshold: z.number().min(0).max(1).default(0.5),
      })
      .strict()
      .optional(),
    /** Tries again on the same target after a failed gate, this many times. */
    retries: z.number().int().min(0).max(5).default(0),
    /** Then moves on to this many next targets of the route. */
    escalations: z.number().int().min(0).max(10).default(1),
    /** Streams are gated only when buffered: the client sees nothing until the answer passed. */
    buffer_streams: z.boolean().default(false),
  })
  .strict();

export type CacheConfig = z.infer<typeof cacheSchema>;
export type RouteCacheConfig = z.infer<typeof routeCacheSchema>;
export type GatesConfig = z.infer<typeof gatesSchema>;
