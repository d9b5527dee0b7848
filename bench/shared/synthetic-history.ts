import { performance } from 'node:perf_hooks';
import { createHistoryWriter } from '../../relay-core/src/store/history-writer.js';
import type { RequestRecord } from '../../relay-core/src/store/history-writer.js';
import type { HistoryStore } from '../../relay-core/src/store/history-store.js';

/** Where a synthetic history lies: `rows` requests spread evenly over `spanMs` from `start`. */
export interface HistoryShape {
  rows: number;
  start: number;
  spanMs: number;
}

export const syntheticProviders = ['openai', 'anthropic', 'gemini', 'deepseek', 'groq'];
const models = [
  'auto',
  'gpt-4o-mini',
  'claude-sonnet-4-5',
  'gemini-2.5-flash',
  'deepseek-chat',
  'llama-3.3-70b',
  'gpt-5',
  'fast',
];
const clients = ['laptop', 'claude-code', 'codex', 'ci', 'playground'];
const caches = ['miss', 'miss', 'miss', 'hit-exact', 'bypass'] as const;

/** Request `i` of a synthetic history: mixed providers, models, clients, errors, caching and sizes. */
export function syntheticRecord(i: number, { rows, start, spanMs }: HistoryShape): RequestRecord {
  const provider = syntheticProviders[i % syntheticProviders.length]!;
  const model = models[(i * 3) % models.length]!;
  const input = 200 + ((i * 7919) % 30_000);
  const failed = i % 50 === 0;
  return {
    id: `req_${i.toString(36).padStart(8, '0')}`,
    createdAt: start + Math.floor((i / rows) * spanMs),
    client: clients[(i * 7) % clients.length],
    dialect: 'openai-chat',
    requestedModel: model,
    provider,
    upstreamModel: model,
    status: failed ? 'error' : 'ok',
    httpStatus: failed ? 429 : 200,
    stream: i % 2 === 0,
    ttftMs: 200 + (i % 300),
    latencyMs: 900 + ((i * 13) % 2000),
    overheadMs: 0.05,
    inputTokens: input,
    outputTokens: 50 + (i % 900),
    cacheReadTokens: i % 3 === 0 ? Math.floor(input / 2) : 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    usageEstimated: false,
    costUsd: 0.0001 * (1 + (i % 10)),
    unpriced: false,
    cache: caches[i % caches.length]!,
    attemptCount: 1,
    attempts: [
      {
        attemptIndex: 0,
        provider,
        upstreamModel: model,
        startedAt: start,
        status: 'ok',
        costUsd: 0.0001,
        unpriced: false,
      },
    ],
  };
}

/**
 * Writes a synthetic history through the batched writer (batches of 5,000); returns its seconds.
 * `progressEvery`: rows between progress lines on stderr (rows so far and the rate), for runs long
 * enough that a stopped one should still leave a figure.
 */
export async function fillHistory(
  store: HistoryStore,
  shape: HistoryShape,
  progressEvery = Infinity,
): Promise<number> {
  const writer = createHistoryWriter(store, { batchSize: 5000, flushIntervalMs: 1_000_000 });
  const began = performance.now();
  for (let i = 0; i < shape.rows; i++) {
    writer.record(syntheticRecord(i, shape));
    if (writer.pending() >= 5000) await writer.flush();
    if ((i + 1) % progressEvery === 0) {
      const seconds = (performance.now() - began) / 1000;
      console.error(
        `${(i + 1).toLocaleString('en')} rows in ${seconds.toFixed(0)} s (${Math.round((i + 1) / seconds)} rows/s)`,
      );
    }
  }
  await writer.close();
  return (performance.now() - began) / 1000;
}
