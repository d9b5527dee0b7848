import type Database from 'better-sqlite3';
import type { CanonicalMessage } from '../canonical/types.js';

/** Conversations behind Responses API ids, so a client can continue with `previous_response_id`. */
export interface ResponseStore {
  /** `owner`: the partition of the client key that made the response (server/client-auth.ts). */
  save(id: string, conversation: CanonicalMessage[], owner?: string): void;
  /** The conversation, for its owner only: another key gets what a missing id gets. */
  load(id: string, owner?: string): CanonicalMessage[] | undefined;
}

/**
 * Keeps each stored response's whole conversation (input plus output) for `ttlMs`, in SQLite,
 * with the client key partition it belongs to; expired rows are purged as new ones are written.
 * Requests with `store: false` are never saved.
 */
export function createResponseStore(
  db: Database.Database,
  ttlMs = 30 * 24 * 3600 * 1000,
  now: () => number = Date.now,
): ResponseStore {
  const insert = db.prepare(
    'INSERT OR REPLACE INTO responses (id, created_at, expires_at, conversation, owner) VALUES (?, ?, ?, ?, ?)',
  );
  const select = db.prepare(
    'SELECT conversation FROM responses WHERE id = ? AND expires_at > ? AND owner IS ?',
  );
  const purge = db.prepare('DELETE FROM responses WHERE expires_at <= ?');
  let writes = 0;
  return {
    save(id, conversation, owner) {
      const at = now();
      insert.run(id, at, at + ttlMs, JSON.stringify(conversation), owner ?? null);
      if (++writes % 100 === 1) purge.run(at);
    },
    load(id, owner) {
      const row = select.get(id, now(), owner ?? null) as { conversation: string } | undefined;
      return row ? (JSON.parse(row.conversation) as CanonicalMessage[]) : undefined;
    },
  };
}
