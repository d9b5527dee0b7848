import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, CanonicalResponse } from '../canonical/types.js';
import { cacheSchema } from '../config/cache-gates-schema.js';
import { openDatabase } from '../store/open-database.js';
import { AnswerCache } from './answer-cache.js';

const ask = (text: string, extra: Partial<CanonicalRequest> = {}): CanonicalRequest => ({
  model: 'faq',
  stream: false,
  includeUsage: false,
  messages: [{ role: 'user', content: [{ type: 'text', text }] }],
  ...extra,
});
const reply = (
  text: string,
  finishReason: CanonicalResponse['finishReason'] = 'stop',
): CanonicalResponse => ({
  id: 'r',
  model: 'm',
  created: 0,
  content: [{ type: 'text', text }],
  finishReason,
});

function setup(config: unknown = {}, path = ':memory:') {
  let clock = 1_000_000;
  const errors: string[] = [];
  const db = openDatabase(path);
  // a toy embedding: one dimension per known word
  const vocabulary = ['capital', 'france', 'spain', 'please', 'weather'];
  const cache = new AnswerCache(db, {
    embed: async (_model, text) => ({
      vector: Float32Array.from(vocabulary.map((word) => (text.toLowerCase().includes(word) ? 1 : 0))),
      costUsd: 0,
    }),
    now: () => clock,
    onError: (message) => errors.push(message),
    preferVectorExtension: false,
  });
  cache.configure(cacheSchema.parse(config));
  return { db, cache, errors, advance: (ms: number) => (clock += ms) };
}

/**
 * Another connection takes the database's write lock and keeps it for `holdMs`, as the history
 * thread does while it writes a batch; resolves once it holds the lock.
 */
async function holdWriteLock(path: string, holdMs: number): Promise<Worker> {
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
    const db = new (require(workerData.driver))(workerData.path);
    db.exec('BEGIN IMMEDIATE');
    parentPort.postMessage('locked');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
    db.exec('COMMIT');
    db.close();`,
    {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), path, holdMs },
    },
  );
  await once(worker, 'message');
  return worker;
}

describe('AnswerCache', () => {
  it('keeps deterministic answers for their TTL, and only complete ones', async () => {
    const { cache, advance } = setup({ exact: { ttl_seconds: 60 } });
    const request = ask('hi', { temperature: 0 });
    const miss = await cache.lookup(request, undefined, undefined);
    expect(miss.outcome).toBe('miss');
    miss.save!(reply('hello'), 'openai', 'gpt', 0.002);
    expect((await cache.lookup(request, undefined, undefined)).hit?.answer.content).toEqual([
      { type: 'text', text: 'hello' },
    ]);
    advance(60_000);
    expect((await cache.lookup(request, undefined, undefined)).outcome).toBe('miss');

    const filtered = ask('filtered', { temperature: 0 });
    (await cache.lookup(filtered, undefined, undefined)).save!(
      reply('', 'content_filter'),
      'openai',
      'gpt',
      0,
    );
    expect((await cache.lookup(filtered, undefined, undefined)).outcome).toBe('miss');
  });

  it('follows the route over the global block', async () => {
    const { cache } = setup({ exact: { enabled: false } });
    const request = ask('hi', { temperature: 0.8 });
    expect((await cache.lookup(request, undefined, undefined)).outcome).toBe('bypass');
    const always = { cache: { exact: { enabled: true, always: true } } };
    (await cache.lookup(request, always, undefined)).save!(reply('hello'), 'openai', 'gpt', 0.002);
    expect((await cache.lookup(request, always, undefined)).outcome).toBe('hit-exact');
  });

  it('answers semantically within the threshold and scope, and keeps no-cache answers fresh', async () => {
    const { cache } = setup({
      semantic: { enabled: true, embedding_model: 'toy', threshold: 0.8 },
    });
    const first = await cache.lookup(ask('The capital of France?'), undefined, undefined);
    first.save!(reply('Paris'), 'openai', 'gpt', 0.001);
    const similar = await cache.lookup(ask('The capital of France, please?'), undefined, undefined);
    expect(similar.outcome).toBe('hit-semantic');
    expect(similar.hit?.similarity).toBeCloseTo(0.816, 3);
    expect((await cache.lookup(ask('The capital of Spain?'), undefined, undefined)).outcome).toBe('miss');
    const otherScope = ask('The capital of France?', {
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        { role: 'user', content: [{ type: 'text', text: 'The capital of France?' }] },
      ],
    });
    expect((await cache.lookup(otherScope, undefined, undefined)).outcome).toBe('miss');
    expect((await cache.lookup(ask('The capital of France?'), undefined, 'skip-lookup')).outcome).toBe(
      'bypass',
    );
    expect((await cache.lookup(ask('The capital of France?'), undefined, 'off')).outcome).toBe('bypass');
  });

  it('finds a paraphrase behind near-duplicates that differ from the question by a number', async () => {
    const { cache } = setup({ semantic: { enabled: true, embedding_model: 'toy', threshold: 0.8 } });
    const original = await cache.lookup(ask('The capital of France?'), undefined, undefined);
    original.save!(reply('Paris'), 'openai', 'gpt', 0.001);
    // closer to the next question than the original is, but about another year each
    for (let year = 1800; year < 1808; year++) {
      const variant = await cache.lookup(
        ask(`The capital of France, please, in ${year}?`),
        undefined,
        undefined,
      );
      variant.save!(reply(`Paris, in ${year}`), 'openai', 'gpt', 0.001);
    }
    const similar = await cache.lookup(ask('The capital of France, please?'), undefined, undefined);
    expect(similar.outcome).toBe('hit-semantic');
    expect(similar.hit?.answer.content).toEqual([{ type: 'text', text: 'Paris' }]);
  });

  it('keeps an answer while the history thread is writing, so a near-duplicate right after finds it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-cache-'));
    try {
      const { db, cache, errors } = setup(
        { semantic: { enabled: true, embedding_model: 'toy', threshold: 0.8 } },
        join(dir, 'switchboard.db'),
      );
      const first = await cache.lookup(ask('The capital of France?'), undefined, undefined);
      const writer = await holdWriteLock(db.name, 300);
      first.save!(reply('Paris'), 'openai', 'gpt', 0.001);
      await once(writer, 'exit');
      const similar = await cache.lookup(ask('The capital of France, please?'), undefined, undefined);
      expect(errors).toEqual([]);
      expect(similar.outcome).toBe('hit-semantic');
      expect(similar.hit?.answer.content).toEqual([{ type: 'text', text: 'Paris' }]);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never throws: a broken database makes the request bypass the cache', async () => {
    const { db, cache, errors } = setup();
    db.close();
    expect((await cache.lookup(ask('hi', { temperature: 0 }), undefined, undefined)).outcome).toBe('bypass');
    expect(errors[0]).toMatch(/lookup failed/);
  });
});
