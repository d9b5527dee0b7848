import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';

/** A candidate the semantic search found: its cache key and cosine similarity to the query. */
export interface VectorMatch {
  key: string;
  similarity: number;
  promptText: string;
}

/**
 * Nearest cached prompts to a query vector within one scope. Vectors live as float32 BLOBs in
 * `cache_entries.vector`; with sqlite-vec loaded SQLite ranks them (`vec_distance_cosine`),
 * otherwise a plain-JS cosine scan does, with the same results.
 */
export interface VectorIndex {
  readonly kind: 'sqlite-vec' | 'js-cosine';
  search(scope: string, vector: Float32Array, now: number, limit: number): VectorMatch[];
}

/** A vector as stored: little-endian float32, the layout sqlite-vec reads. */
export function toBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

export function fromBlob(blob: Buffer): Float32Array {
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float32Array(copy.buffer);
}

/** Cosine similarity; 0 when either vector is all zeros or the lengths differ. */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return 0;
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    normA += a[i]! * a[i]!;
    normB += b[i]! * b[i]!;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

function jsCosineIndex(db: Database.Database): VectorIndex {
  const candidates = db.prepare(
    'SELECT key, vector, prompt_text AS promptText FROM cache_entries WHERE scope = ? AND vector IS NOT NULL AND semantic_expires_at > ?',
  );
  return {
    kind: 'js-cosine',
    search(scope, vector, now, limit) {
      const rows = candidates.all(scope, now) as Array<{ key: string; vector: Buffer; promptText: string }>;
      return rows
        .map((row) => ({
          key: row.key,
          promptText: row.promptText,
          similarity: cosineSimilarity(vector, fromBlob(row.vector)),
        }))
        .sort((a, b) => b.similarity - a.similarity)
        .slice(0, limit);
    },
  };
}

function sqliteVecIndex(db: Database.Database): VectorIndex {
  const nearest = db.prepare(`SELECT key, prompt_text AS promptText,
      1 - vec_distance_cosine(vector, ?) AS similarity
    FROM cache_entries
    WHERE scope = ? AND vector IS NOT NULL AND semantic_expires_at > ? AND length(vector) = ?
    ORDER BY similarity DESC LIMIT ?`);
  return {
    kind: 'sqlite-vec',
    search(scope, vector, now, limit) {
      return nearest.all(toBlob(vector), scope, now, vector.byteLength, limit) as VectorMatch[];
    },
  };
}

/**
 * The vector index for a database: sqlite-vec when the package is installed and its extension
 * loads, else the plain-JS scan (fine for the thousands of prompts one desktop user caches).
 */
export function createVectorIndex(
  db: Database.Database,
  options: { preferExtension?: boolean } = {},
): VectorIndex {
  if (options.preferExtension !== false) {
    try {
      // optional dependency: absent in builds without it
      const require = createRequire(import.meta.url);
      const sqliteVec = require('sqlite-vec') as { load(db: Database.Database): void };
      sqliteVec.load(db);
      return sqliteVecIndex(db);
    } catch {
      // not installed, or no prebuilt extension for this platform
    }
  }
  return jsCosineIndex(db);
}
