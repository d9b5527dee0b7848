import type Database from 'better-sqlite3';

/** A request's body and its answer as the client got them, each cut at the capture's size limit. */
export interface CapturedExchange {
  requestId: string;
  createdAt: number;
  request: string;
  answer: string;
  /** The whole sizes, before cutting: larger than the text when it was cut. */
  requestBytes: number;
  answerBytes: number;
}

/** How bodies are captured (config.yaml `history.capture`). */
export interface CaptureSettings {
  enabled: boolean;
  max_bytes: number;
  retention_days: number;
  /** `secrets`: keys and key-shaped strings; `personal`: also e-mail addresses, phone numbers, IPs. */
  redact: 'secrets' | 'personal';
}

// phone numbers need a + or separators: a bare run of digits is more often a count or a timestamp
const personal = [
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
  /(?<![\w.])\+\d[\d ().-]{6,}\d(?![\w.])/g,
  /(?<![\w.+])\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?![\w.])/g,
  /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.])/g,
];

/** Scrubs a body: always the relay's secrets, and personal data when the setting asks. */
export function redactBody(
  text: string,
  level: CaptureSettings['redact'],
  redactSecrets: (text: string) => string,
): string {
  const safe = redactSecrets(text);
  return level === 'personal'
    ? personal.reduce((result, pattern) => result.replace(pattern, '[redacted]'), safe)
    : safe;
}

const hourMs = 3600_000;

/**
 * The captured bodies, stored beside the history. Saving also drops bodies past their retention
 * (at most once an hour), so a capture left on does not grow without end.
 */
export function createCapturedBodies(db: Database.Database, now: () => number = Date.now) {
  const insert = db.prepare(`INSERT OR REPLACE INTO captured_bodies
    (request_id, created_at, request, answer, request_bytes, answer_bytes) VALUES (?, ?, ?, ?, ?, ?)`);
  const select = db.prepare(`SELECT request_id AS requestId, created_at AS createdAt, request, answer,
    request_bytes AS requestBytes, answer_bytes AS answerBytes FROM captured_bodies WHERE request_id = ?`);
  const exists = db.prepare('SELECT 1 FROM captured_bodies WHERE request_id = ?').pluck();
  const removeOne = db.prepare('DELETE FROM captured_bodies WHERE request_id = ?');
  const removeAll = db.prepare('DELETE FROM captured_bodies');
  const removeBefore = db.prepare('DELETE FROM captured_bodies WHERE created_at < ?');
  let purgedAt = 0;
  return {
    save(exchange: CapturedExchange, retentionDays: number): void {
      insert.run(
        exchange.requestId,
        exchange.createdAt,
        exchange.request,
        exchange.answer,
        exchange.requestBytes,
        exchange.answerBytes,
      );
      if (now() - purgedAt < hourMs) return;
      purgedAt = now();
      removeBefore.run(now() - retentionDays * 24 * hourMs);
    },
    get: (requestId: string) => select.get(requestId) as CapturedExchange | undefined,
    has: (requestId: string) => exists.get(requestId) !== undefined,
    /** Deletes one request's bodies, or every captured body; returns how many were deleted. */
    delete: (requestId?: string) =>
      (requestId === undefined ? removeAll.run() : removeOne.run(requestId)).changes,
  };
}

export type CapturedBodies = ReturnType<typeof createCapturedBodies>;
