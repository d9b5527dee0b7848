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
import type { AdminDeps } from '../relay-core/src/admin/admin-deps.js';
import { createHistoryRoutes } from '../relay-core/src/admin/history-routes.js';
import { openDatabase } from '../relay-core/src/store/open-database.js';
import { createSqliteHistoryStore } from '../relay-core/src/store/sqlite-history-store.js';
import { medianTime } from './shared/stats.js';
import { fillHistory } from './shared/synthetic-history.js';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' } },
});
const rows = Number(values.rows);
const runs = Number(values.runs);
const day = 24 * 3600 * 1000;
const now = Date.now();
const spanMs = 90 * day;
const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-ui-history-'));
try {
  const db = openDatabase(join(dir, 'switchboard.db'));
  const history = createSqliteHistoryStore(db);
  await fillHistory(history, { rows, start: now - spanMs, spanMs });
  db.pragma('optimize');
  const routes = createHistoryRoutes({ db, history } as AdminDeps);
  const call = async (route: string, query: string) => {
    const url = new URL(`http://relay${route.slice(route.indexOf(' ') + 1)}?${query}`);
    return JSON.stringify(await routes[route]!(url, undefined));
  };
  // what the page asks (renderer/src/pages/HistoryPage.tsx, history/HistoryTable.tsx)
  const page = (filter: string) => call('GET /admin/history', `${filter}&offset=0&limit=200`);
  const stats = (filter: string) => call('GET /admin/history/stats', filter);
  const facets = (from: number) => call('GET /admin/history/facets', `since=${from}`);
  const time = async (run: () => Promise<unknown>) => {
    await run(); // warm the statement cache and the page cache, as a running relay would be
    return medianTime(run, runs);
  };
  const week = `from=${now - 7 * day}`;
  const cases: Array<[string, () => Promise<unknown>]> = [
    [
      'first paint, last 7 days (default): table page + charts + filter menus',
      () => Promise.all([page(week), stats(week), facets(now - 7 * day)]),
    ],
    ['  of which the table page (200 rows + count)', () => page(week)],
    ['  of which the charts', () => stats(week)],
    ['  of which the filter menus', () => facets(now - 7 * day)],
    [
      'filter change: client = ci (7 days)',
      () => Promise.all([page(`${week}&client=ci`), stats(`${week}&client=ci`)]),
    ],
    [
      'filter change: model = gpt-4o-mini (7 days)',
      () => Promise.all([page(`${week}&model=gpt-4o-mini`), stats(`${week}&model=gpt-4o-mini`)]),
    ],
    [
      'filter change: provider = gemini (7 days)',
      () => Promise.all([page(`${week}&provider=gemini`), stats(`${week}&provider=gemini`)]),
    ],
    [
      'filter change: status = error (7 days)',
      () => Promise.all([page(`${week}&status=error`), stats(`${week}&status=error`)]),
    ],
    [
      'filter change: cache = hit (7 days)',
      () => Promise.all([page(`${week}&cache=hit`), stats(`${week}&cache=hit`)]),
    ],
    [
      'filter change: last 24 hours',
      () => Promise.all([page(`from=${now - day}`), stats(`from=${now - day}`)]),
    ],
    [
      'filter change: last 30 days',
      () => Promise.all([page(`from=${now - 30 * day}`), stats(`from=${now - 30 * day}`)]),
    ],
    [`filter change: all time (${rows.toLocaleString('en')} rows)`, () => Promise.all([page(''), stats('')])],
    [
      'filter change: all time, provider = gemini',
      () => Promise.all([page('provider=gemini'), stats('provider=gemini')]),
    ],
    [
      `scroll: table page at row ${(rows / 2).toLocaleString('en')} (all time)`,
      () => call('GET /admin/history', `offset=${Math.floor(rows / 2)}&limit=200`),
    ],
  ];
  console.log(
    `${new Date().toISOString().slice(0, 10)}, ${rows.toLocaleString('en')} rows over 90 days, median of ${runs} runs\n`,
  );
  console.log('| history page action (server time) | ms |\n| --- | --- |');
  for (const [name, run] of cases) console.log(`| ${name} | ${(await time(run)).toFixed(1)} |`);
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
