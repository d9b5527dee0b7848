/**
 * The history page at 1,000,000 requests: server time of the admin endpoints the page calls on
 * first paint (table page, charts, filter menus) and on each filter change (table page + charts).
 * Calls the route handlers in-process and serializes their answers to JSON, as the server does;
 * prints a Markdown table of medians.
 *
 *   npm run bench:ui-history                  # 1,000,000 rows over the last 90 days, 5 runs each
 *   npm run bench:ui-history -- --rows 200000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { AdminDeps } from '../relay-core/src/admin/admin-deps.js';
import { createHistoryRoutes } from '../relay-core/src/admin/history-routes.js';
import { createHistoryWriter } from '../relay-core/src/store/history-writer.js';
import type { RequestRecord } from '../relay-core/src/store/history-writer.js';
import { openDatabase } from '../relay-core/src/store/open-database.js';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' } },
});
const rows = Number(values.rows);
const runs = Number(values.runs);
const day = 24 * 3600 * 1000;
const now = Date.now();
const spanMs = 90 * day;
const providers = ['openai', 'anthropic', 'gemini', 'deepseek', 'groq'];
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

function record(i: number): RequestRecord {
  const provider = providers[i % providers.length]!;
  const input = 200 + ((i * 7919) % 30_000);
  return {
    id: `req_${i.toString(36).padStart(8, '0')}`,
    createdAt: now - spanMs + Math.floor((i / rows) * spanMs),
    client: clients[(i * 7) % clients.length],
    dialect: 'openai-chat',
    requestedModel: models[(i * 3) % models.length]!,
    provider,
    upstreamModel: models[(i * 3) % models.length]!,
    status: i % 50 === 0 ? 'error' : 'ok',
    httpStatus: i % 50 === 0 ? 429 : 200,
    stream: i % 2 === 0,
    ttftMs: 200 + (i % 300),
    latencyMs: 900 + ((i * 13) % 2000),
    overheadMs: 0.05,
    inputTokens: input,
    outputTokens: 50 + (i % 900),
    usageEstimated: false,
    costUsd: 0.0001 * (1 + (i % 10)),
    unpriced: false,
    cache: caches[i % caches.length]!,
    attemptCount: 1,
    attempts: [
      {
        attemptIndex: 0,
        provider,
        upstreamModel: 'model',
        startedAt: now,
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

const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-ui-history-'));
try {
  const db = openDatabase(join(dir, 'switchboard.db'));
  const writer = createHistoryWriter(db, { batchSize: 5000, flushIntervalMs: 1_000_000 });
  for (let i = 0; i < rows; i++) {
    writer.record(record(i));
    if (writer.pending() >= 5000) writer.flush();
  }
  writer.close();
  db.pragma('optimize');
  const routes = createHistoryRoutes({ db } as AdminDeps);
  const call = (route: string, query: string) => {
    const url = new URL(`http://relay${route.slice(route.indexOf(' ') + 1)}?${query}`);
    return JSON.stringify(routes[route]!(url, undefined));
  };
  // what the page asks (renderer/src/pages/HistoryPage.tsx, history/HistoryTable.tsx)
  const page = (filter: string) => call('GET /admin/history', `${filter}&offset=0&limit=200`);
  const stats = (filter: string) => call('GET /admin/history/stats', filter);
  const facets = (from: number) => call('GET /admin/history/facets', `since=${from}`);
  const time = (run: () => void) => {
    run(); // warm the statement cache and the page cache, as a running relay would be
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const began = performance.now();
      run();
      samples.push(performance.now() - began);
    }
    return median(samples);
  };
  const week = `from=${now - 7 * day}`;
  const cases: Array<[string, () => void]> = [
    [
      'first paint, last 7 days (default): table page + charts + filter menus',
      () => (page(week), stats(week), facets(now - 7 * day)),
    ],
    ['  of which the table page (200 rows + count)', () => page(week)],
    ['  of which the charts', () => stats(week)],
    ['  of which the filter menus', () => facets(now - 7 * day)],
    ['filter change: client = ci (7 days)', () => (page(`${week}&client=ci`), stats(`${week}&client=ci`))],
    [
      'filter change: model = gpt-4o-mini (7 days)',
      () => (page(`${week}&model=gpt-4o-mini`), stats(`${week}&model=gpt-4o-mini`)),
    ],
    [
      'filter change: provider = gemini (7 days)',
      () => (page(`${week}&provider=gemini`), stats(`${week}&provider=gemini`)),
    ],
    [
      'filter change: status = error (7 days)',
      () => (page(`${week}&status=error`), stats(`${week}&status=error`)),
    ],
    ['filter change: cache = hit (7 days)', () => (page(`${week}&cache=hit`), stats(`${week}&cache=hit`))],
    ['filter change: last 24 hours', () => (page(`from=${now - day}`), stats(`from=${now - day}`))],
    ['filter change: last 30 days', () => (page(`from=${now - 30 * day}`), stats(`from=${now - 30 * day}`))],
    [`filter change: all time (${rows.toLocaleString('en')} rows)`, () => (page(''), stats(''))],
    ['filter change: all time, provider = gemini', () => (page('provider=gemini'), stats('provider=gemini'))],
    [
      `scroll: table page at row ${(rows / 2).toLocaleString('en')} (all time)`,
      () => call('GET /admin/history', `offset=${Math.floor(rows / 2)}&limit=200`),
    ],
  ];
  console.log(
    `${new Date().toISOString().slice(0, 10)}, ${rows.toLocaleString('en')} rows over 90 days, median of ${runs} runs\n`,
  );
  console.log('| history page action (server time) | ms |\n| --- | --- |');
  for (const [name, run] of cases) console.log(`| ${name} | ${time(run).toFixed(1)} |`);
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
