/**
 * Durable before acknowledged: what it would cost to commit a whole answer's history row (a WAL
 * commit, synchronous=NORMAL, as switchboard.db is opened) before the answer's last byte, against
 * the batched writer the relay uses (rows queued, written every 50 ms or 256 rows, off the
 * request's path). Real history writer, real database with a history of 200,000 requests and its
 * rollup triggers; each variant writes the same records. CPU time, best of the runs (the machine
 * is shared). Prints a Markdown table.
 *
 *   npx tsx bench/durability.ts
 *   npx tsx bench/durability.ts -- --requests 5000 --runs 5 --history 200000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../relay-core/src/store/open-database.js';
import { createSqliteHistoryStore } from '../relay-core/src/store/sqlite-history-store.js';
import { createHistoryWriter } from '../relay-core/src/store/history-writer.js';
import { createBatchWrite } from '../relay-core/src/store/write-history-batch.js';
import { markdownTable } from './shared/stats.js';
import { fillHistory, syntheticRecord } from './shared/synthetic-history.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '4000' },
    runs: { type: 'string', default: '5' },
    history: { type: 'string', default: '200000' },
  },
});
const requests = Number(values.requests);
const runs = Number(values.runs);
const historyRows = Number(values.history);
const start = Date.UTC(2026, 0, 1);
const spanMs = 30 * 24 * 3600 * 1000;

const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-durability-'));
const db = openDatabase(join(dir, 'switchboard.db'));
await fillHistory(createSqliteHistoryStore(db), { rows: historyRows, start, spanMs });
let next = historyRows;
/** New requests, each with one attempt, as a whole answer records them. */
const fresh = () =>
  Array.from({ length: requests }, () => syntheticRecord(next++, { rows: historyRows, start, spanMs }));

/** CPU µs per request of `write`, the best of the runs. */
function cpuPerRequest(write: (records: ReturnType<typeof fresh>) => void): number {
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    const records = fresh();
    const began = process.cpuUsage();
    write(records);
    const used = process.cpuUsage(began);
    best = Math.min(best, (used.user + used.system) / requests);
  }
  return best;
}

const writeBatch = createBatchWrite(db);
const rows: Array<Record<string, string>> = [];
const row = (variant: string, pathUs: number, totalUs: number, window: string) =>
  rows.push({
    variant,
    'on the request path, µs': pathUs.toFixed(1),
    'in all, µs per request': totalUs.toFixed(1),
    'rows a kill -9 can lose': window,
  });

// what the relay does: queue on the path, one transaction per batch later
{
  const writer = createHistoryWriter(createSqliteHistoryStore(db), { flushIntervalMs: 1_000_000 });
  const total = cpuPerRequest((records) => {
    for (const record of records) writer.record(record);
    writer.flush();
  });
  const onPath = cpuPerRequest((records) => {
    for (const record of records) writer.record(record);
  });
  await writer.close();
  row(
    'batched (now): queued, written every 50 ms or 256 rows',
    onPath,
    total,
    'those queued in the last 50 ms',
  );
}
// durable: the row's own transaction, committed before the last byte
{
  const total = cpuPerRequest((records) => {
    for (const record of records) writeBatch([record]);
  });
  row('durable: one WAL commit per answer before its last byte', total, total, 'none');
}
// group commit: the answers finished in the same turn of the event loop wait for one transaction
for (const together of [8, 32]) {
  const total = cpuPerRequest((records) => {
    for (let i = 0; i < records.length; i += together) writeBatch(records.slice(i, i + together));
  });
  row(`durable, group commit of ${together} answers finished together`, total * together, total, 'none');
}
db.close();
rmSync(dir, { recursive: true, force: true });

console.log(
  `${new Date().toISOString().slice(0, 16)} UTC, ${requests.toLocaleString('en')} requests on a history of ${historyRows.toLocaleString('en')}, CPU time, best of ${runs} runs\n`,
);
console.log(markdownTable(rows));
