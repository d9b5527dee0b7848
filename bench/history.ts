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
import { loadCatalog } from '../relay-core/src/catalog/load-catalog.js';
import { openDatabase } from '../relay-core/src/store/open-database.js';
import { listRequests } from '../relay-core/src/store/query-history.js';
import { repriceHistory } from '../relay-core/src/store/reprice-history.js';
import { medianTime } from './shared/stats.js';
import { fillHistory } from './shared/synthetic-history.js';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' } },
});
const rows = Number(values.rows);
const runs = Number(values.runs);
const start = Date.UTC(2026, 0, 1);
const spanMs = 90 * 24 * 3600 * 1000;

const time = (run: () => unknown) => medianTime(run, runs);

const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-history-'));
try {
  const db = openDatabase(join(dir, 'switchboard.db'));
  const insertSeconds = fillHistory(db, { rows, start, spanMs });
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
