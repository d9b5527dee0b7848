import type { StateStore } from '../state/state-store.js';
import { cacheEntryBytes } from './cache-store.js';
import type { CachedAnswer, CacheWrite } from './cache-store.js';
import { fromBlob, toBlob } from './vector-index.js';

type SharedWrite = Omit<CacheWrite, 'semantic'> & {
  semantic?: { promptText: string; vector: string; expiresAt: number };
};

/**
 * Shares a fresh answer with the other relays: its exact entry in Redis, read there on a local
 * miss; its semantic entry (prompt and vector) copied into every relay's own cache, since the
 * nearest-prompt search runs where the vectors are, in each relay's SQLite (plain Redis has no
 * vector search).
 */
export function shareSavedAnswer(
  state: StateStore,
  write: CacheWrite,
  settings: { exactTtlMs?: number; maxBytes: number },
  savedAt: number,
): void {
  const { key, answer, provider, upstreamModel, costUsd, semantic } = write;
  const answerJson = JSON.stringify(answer);
  if (settings.exactTtlMs !== undefined) {
    const json = JSON.stringify({ key, answer, provider, upstreamModel, costUsd } satisfies CachedAnswer);
    state.putAnswer(
      key,
      json,
      cacheEntryBytes(key, answerJson),
      settings.exactTtlMs,
      settings.maxBytes,
      savedAt,
    );
  }
  if (!semantic) return;
  const shared: SharedWrite = {
    ...write,
    semantic: { ...semantic, vector: toBlob(semantic.vector).toString('base64') },
  };
  const size = cacheEntryBytes(key, answerJson, semantic.vector.byteLength, semantic.promptText);
  state.shareEntry(key, JSON.stringify(shared), size, write.expiresAt - savedAt, settings.maxBytes, savedAt);
}

/** A semantic entry another relay shared, as this relay's cache stores it. */
export function parseSharedEntry(json: string): CacheWrite {
  const shared = JSON.parse(json) as SharedWrite;
  return {
    ...shared,
    semantic: shared.semantic && {
      ...shared.semantic,
      vector: fromBlob(Buffer.from(shared.semantic.vector, 'base64')),
    },
  };
}
