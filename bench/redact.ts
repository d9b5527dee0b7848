/**
 * Redactor benchmark: what scrubbing costs per error message and log line, with a handful of
 * provider keys registered (each indexed in all its forms). CPU time per call, the best of the
 * runs (the machine is shared: wall time measures the neighbours). Prints a Markdown table.
 *
 *   npx tsx bench/redact.ts
 *   npx tsx bench/redact.ts -- --keys 20 --runs 9
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createRedactor } from '../relay-core/src/secrets/redact.js';
import { markdownTable } from './shared/stats.js';

const { values } = parseArgs({
  options: { keys: { type: 'string', default: '8' }, runs: { type: 'string', default: '7' } },
});
const keyCount = Number(values.keys);
const runs = Number(values.runs);

const redactor = createRedactor();
const keys = Array.from({ length: keyCount }, () => `sk-proj-${randomBytes(36).toString('base64url')}`);
for (const key of keys) redactor.add(key);

const logLine =
  'history: write failed, will retry: SqliteError: database is locked (request 01JEXAMPLE4Q2 to openai/gpt-4o-mini)';
const upstreamError = `openai: Incorrect API key provided: ${keys[0]!.slice(0, 12)}************************. You can find your API key at https://platform.openai.com/account/api-keys.`;
const htmlPage = `<html><head><title>502 Bad Gateway</title></head><body>${'<p>upstream connect error or disconnect/reset before headers. retried and the latest reset reason: connection timeout</p>'.repeat(90)}</body></html>`;

const cases: Array<[string, string]> = [
  [`log line (${logLine.length} chars, no key)`, logLine],
  [`upstream 401 message (${upstreamError.length} chars, a piece of a key)`, upstreamError],
  [`HTML error page (${(htmlPage.length / 1024).toFixed(1)} kB, no key)`, htmlPage],
];

/** CPU µs per call. */
function timePerCall(text: string): number {
  const calls = Math.max(200, Math.floor(20_000_000 / text.length));
  const began = process.cpuUsage();
  for (let i = 0; i < calls; i++) redactor.redact(text);
  const used = process.cpuUsage(began);
  return (used.user + used.system) / calls;
}

for (const [, text] of cases) timePerCall(text);
const rows = cases.map(([name, text]) => ({
  text: name,
  'CPU µs per call (best run)': Math.min(...Array.from({ length: runs }, () => timePerCall(text))).toFixed(2),
}));
console.log(
  `${new Date().toISOString().slice(0, 16)} UTC, ${keyCount} keys registered, best of ${runs} runs\n`,
);
console.log(markdownTable(rows));
