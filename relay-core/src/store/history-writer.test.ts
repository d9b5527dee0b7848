import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHistoryWriter } from './history-writer.js';
import type { RequestRecord } from './history-writer.js';
import { openDatabase } from './open-database.js';
import { getRequest, listRequests, summarizeCost } from './query-history.js';

const dirs: string[] = [];
function tempDb() {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-store-'));
  dirs.push(dir);
  return join(dir, 'switchboard.db');
}
afterEach(() => {
  vi.useRealTimers();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function record(id: string, overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id,
    createdAt: 1_700_000_000_000 + Number(id.replace(/\D/g, '') || 0),
    dialect: 'openai-chat',
    requestedModel: 'gpt-4o-mini',
    provider: 'openai',
    upstreamModel: 'gpt-4o-mini-2024-07-18',
    status: 'ok',
    httpStatus: 200,
    stream: false,
    latencyMs: 120,
    inputTokens: 10,
    outputTokens: 5,
    usageEstimated: false,
    costUsd: 0.0000045,
    unpriced: false,
    cache: 'miss',
    attemptCount: 1,
    attempts: [
      {
        attemptIndex: 0,
        provider: 'openai',
        upstreamModel: 'gpt-4o-mini',
        startedAt: 1,
        status: 'ok',
        costUsd: 0.0000045,
        unpriced: false,
      },
    ],
    ...overrides,
  };
}

describe('history writer', () => {
  it('queues records off the request path and writes them together on flush', () => {
    const db = openDatabase(':memory:');
    const writer = createHistoryWriter(db, { flushIntervalMs: 10_000 });
    for (let i = 0; i < 5; i++) writer.record(record(`r${i}`));
    expect(writer.pending()).toBe(5);
    expect(listRequests(db)).toHaveLength(0);
    writer.flush();
    expect(writer.pending()).toBe(0);
    expect(listRequests(db).map((row) => row.id)).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
    expect(getRequest(db, 'r0')?.attempts).toHaveLength(1);
  });

  it('flushes by itself after the interval', () => {
    vi.useFakeTimers();
    const db = openDatabase(':memory:');
    const writer = createHistoryWriter(db, { flushIntervalMs: 50 });
    writer.record(record('r1'));
    vi.advanceTimersByTime(49);
    expect(listRequests(db)).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(listRequests(db)).toHaveLength(1);
  });

  it('keeps rows across a close and reopen of the file', () => {
    const path = tempDb();
    const db = openDatabase(path);
    const writer = createHistoryWriter(db);
    writer.record(record('r1', { stream: true, ttftMs: 42 }));
    writer.close();
    db.close();
    const reopened = openDatabase(path);
    expect(getRequest(reopened, 'r1')).toMatchObject({ stream: true, ttftMs: 42, status: 'ok' });
    reopened.close();
  });

  it('records a model without a price as unpriced with a NULL cost, never $0', () => {
    const db = openDatabase(':memory:');
    const writer = createHistoryWriter(db);
    writer.record(record('r1', { costUsd: null, unpriced: true }));
    writer.record(record('r2'));
    writer.flush();
    const raw = db.prepare('SELECT cost_usd, unpriced FROM requests WHERE id = ?').get('r1');
    expect(raw).toEqual({ cost_usd: null, unpriced: 1 });
    expect(summarizeCost(db)).toEqual({ costUsd: 0.0000045, unpriced: 1, requests: 2 });
  });

  it('keeps a batch whose write failed and writes it on the next flush', () => {
    const db = openDatabase(':memory:');
    const errors: unknown[] = [];
    const writer = createHistoryWriter(db, {
      onError: (error) => errors.push(error),
      flushIntervalMs: 10_000,
    });
    db.exec(
      'CREATE TRIGGER fail_once BEFORE INSERT ON requests BEGIN SELECT RAISE(ABORT, "disk says no"); END',
    );
    writer.record(record('r1'));
    writer.flush();
    expect(errors).toHaveLength(1);
    expect(writer.pending()).toBe(1);
    db.exec('DROP TRIGGER fail_once');
    writer.flush();
    expect(listRequests(db)).toHaveLength(1);
    writer.close();
  });
});
