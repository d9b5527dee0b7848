/**
 * History benchmark: the SQLite store at 1,000,000 requests. Measures the batched writer's
 * insert rate, what-if re-pricing of the whole history, and the history page's queries (first
 * page, and a provider filter). Prints a Markdown table of medians.
 *
 *   npm run bench:history                  # 1,000,000 rows, 5 runs of each query
 *   npm run bench:history -- --rows 200000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { loadCatalog } from '../relay-core/src/catalog/load-catalog.js';
import { createHistoryWriter } from '../relay-core/src/store/history-writer.js';
import type { RequestRecord } from '../relay-core/src/store/history-writer.js';
import { openDatabase } from '../relay-core/src/store/open-database.js';
import { listRequests } from '../relay-core/src/store/query-history.js';
import { repriceHistory } from '../relay-core/src/store/reprice-history.js';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' } },
});
const rows = Number(values.rows);
const runs = Number(values.runs);
const providers = ['openai', 'anthropic', 'gemini', 'deepseek', 'groq'];
const start = Date.UTC(2026, 0, 1);
const spanMs = 90 * 24 * 3600 * 1000;

function record(i: number): RequestRecord {
  const input = 200 + ((i * 7919) % 30_000);
  return {
    id: `req_${i.toString(36).padStart(8, '0')}`,
    createdAt: start + Math.floor((i / rows) * spanMs),
    client: 'bench',
    dialect: 'openai-chat',
    requestedModel: 'auto',
    provider: providers[i % providers.length],
    upstreamModel: 'model',
    status: i % 50 === 0 ? 'error' : 'ok',
    httpStatus: 200,
    stream: i % 2 === 0,
    ttftMs: 200 + (i % 300),
    latencyMs: 900 + (i % 2000),
    overheadMs: 0.05,
    inputTokens: input,
    outputTokens: 50 + (i % 900),
    cacheReadTokens: i % 3 === 0 ? Math.floor(input / 2) : 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    usageEstimated: false,
    costUsd: 0.0001 * (1 + (i % 10)),
    unpriced: false,
    cache: 'miss',
    attemptCount: 1,
    attempts: [
      {
        attemptIndex: 0,
        provider: providers[i % providers.length]!,
        upstreamModel: 'model',
        startedAt: start,
        status: 'ok',
        costUsd: 0.0001,
        unpriced: false,
      },
    ],
  };
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(run: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    run();
    samples.push(performance.now() - began);
  }
  return median(samples);
}

const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-history-'));
try {
  const db = openDatabase(join(dir, 'switchboard.db'));
  const writer = createHistoryWriter(db, { batchSize: 5000, flushIntervalMs: 1_000_000 });
  const began = performance.now();
  for (let i = 0; i < rows; i++) {
    writer.record(record(i));
    if (writer.pending() >= 5000) writer.flush();
  }
  writer.close();
  const insertSeconds = (performance.now() - began) / 1000;
  const target = loadCatalog().find('openai', 'gpt-4o-mini')!;
  const table = [
    [
      'history writer insert rate (requests + attempts, batches of 5,000)',
      `${Math.round(rows / insertSeconds).toLocaleString('en')} rows/s`,
    ],
    [
      `what-if re-pricing of all ${rows.toLocaleString('en')} requests (per day)`,
      `${time(() => repriceHistory(db, { from: 0, to: start + spanMs + 1 }, target)).toFixed(0)} ms`,
    ],
    ['history first page (100 newest)', `${time(() => listRequests(db, { limit: 100 })).toFixed(2)} ms`],
    [
      'history filtered by provider (100 newest)',
      `${time(() => listRequests(db, { limit: 100, provider: 'gemini' })).toFixed(2)} ms`,
    ],
    [
      'history filtered by status=error (100 newest)',
      `${time(() => listRequests(db, { limit: 100, status: 'error' })).toFixed(2)} ms`,
    ],
  ];
  db.close();
  console.log(
    `${new Date().toISOString().slice(0, 10)}, ${rows.toLocaleString('en')} rows, median of ${runs} runs\n`,
  );
  console.log('| measure | result |\n| --- | --- |');
  for (const [name, value] of table) console.log(`| ${name} | ${value} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
