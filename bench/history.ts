/**
 * History benchmark: the history store at 1,000,000 requests, on SQLite and, when asked, on
 * PostgreSQL beside it. Measures the batched writer's insert rate, the history page's queries
 * (first page, a provider filter, the charts) and what-if re-pricing of the whole history.
 * Prints a Markdown table of medians, one column per engine.
 *
 *   npm run bench:history                             # SQLite, 1,000,000 rows, 5 runs of each query
 *   npm run bench:history -- --rows 200000
 *   npm run bench:history -- --postgres auto          # and a private PostgreSQL started for the run
 *   npm run bench:history -- --postgres postgres://…  # and an existing, empty database
 *   npm run bench:history -- --postgres auto --large  # 10,000,000 rows
 *   npm run bench:history -- --postgres auto --postgres-only --large   # PostgreSQL's column alone
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../relay-core/src/catalog/load-catalog.js';
import type { HistoryStore } from '../relay-core/src/store/history-store.js';
import { openDatabase } from '../relay-core/src/store/open-database.js';
import { createPostgresHistoryStore } from '../relay-core/src/store/postgres/postgres-history-store.js';
import { createSqliteHistoryStore } from '../relay-core/src/store/sqlite-history-store.js';
import { startPostgres } from '../test/helpers/team-stores.js';
import { medianTime } from './shared/stats.js';
import { fillHistory } from './shared/synthetic-history.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string' },
    runs: { type: 'string', default: '5' },
    postgres: { type: 'string' },
    large: { type: 'boolean', default: false },
    /** Only the PostgreSQL column: half the time of a large run. */
    'postgres-only': { type: 'boolean', default: false },
  },
});
const rows = Number(values.rows ?? (values.large ? 10_000_000 : 1_000_000));
const runs = Number(values.runs);
const start = Date.UTC(2026, 0, 1);
const spanMs = 90 * 24 * 3600 * 1000;
const all = { from: 0, to: start + spanMs + 1 };
const target = loadCatalog().find('openai', 'gpt-4o-mini')!;

/** Fills one store and times the page's queries on it. */
async function measure(store: HistoryStore): Promise<string[]> {
  const insertSeconds = await fillHistory(store, { rows, start, spanMs }, 1_000_000);
  console.error(`filled in ${insertSeconds.toFixed(0)} s`);
  const time = async (run: () => Promise<unknown>) => (await medianTime(run, runs)).toFixed(1);
  return [
    `${Math.round(rows / insertSeconds).toLocaleString('en')} rows/s`,
    `${await time(() => store.search({}, { limit: 100 }))} ms`,
    `${await time(() => store.search({ provider: 'gemini' }, { limit: 100 }))} ms`,
    `${await time(() => store.search({}, { offset: Math.floor(rows / 2), limit: 100 }))} ms`,
    `${await time(() => store.stats(all))} ms`,
    `${await time(() => store.reprice(all, target))} ms`,
  ];
}

const measures = [
  'history writer insert rate (requests + attempts, batches of 5,000)',
  'history page: first 100 rows + count',
  'history page filtered by provider (100 rows + count)',
  `history page at row ${Math.floor(rows / 2).toLocaleString('en')}`,
  'history charts, all time (per day)',
  `what-if re-pricing of all ${rows.toLocaleString('en')} requests (per day)`,
];

const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-history-'));
const columns: Array<{ engine: string; results: string[] }> = [];
try {
  if (!values['postgres-only']) {
    const db = openDatabase(join(dir, 'switchboard.db'));
    columns.push({ engine: 'SQLite', results: await measure(createSqliteHistoryStore(db)) });
    db.close();
  }
  if (values.postgres) {
    const server = values.postgres === 'auto' ? await startPostgres() : undefined;
    const store = createPostgresHistoryStore(server?.url ?? values.postgres);
    try {
      columns.push({ engine: 'PostgreSQL', results: await measure(store) });
    } finally {
      await store.close();
      await server?.stop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `${new Date().toISOString().slice(0, 10)}, ${rows.toLocaleString('en')} rows, median of ${runs} runs\n`,
);
console.log(`| measure | ${columns.map((column) => column.engine).join(' | ')} |`);
console.log(`| --- | ${columns.map(() => '---').join(' | ')} |`);
measures.forEach((name, index) =>
  console.log(`| ${name} | ${columns.map((column) => column.results[index]).join(' | ')} |`),
);
