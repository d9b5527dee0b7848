/**
 * What the bundled catalog (resources/catalog.json) costs the relay: `npm run bench:catalog`.
 *
 * 1. Relay start: the relay as the desktop app ships it (one esbuild bundle under plain Node, the
 *    shipped V8 flags) is started `--runs` times on a fresh data folder; the time from spawn to
 *    its "listening on" line, and its RSS then.
 * 2. The catalog alone, in a fresh Node process each run: the time to read and index the file, and
 *    the RSS and heap it adds (measured after a full garbage collection).
 * 3. Lookups: the time of `find` over a mix of names (exact ids, dated snapshots, aliases, unknown).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { relayNodeFlags } from '../electron/main/relay-node-flags.js';
import { loadCatalog } from '../relay-core/src/catalog/load-catalog.js';
import { freePort } from '../test/helpers/free-port.js';
import { readRssMb } from './shared/sample-rss.js';
import { percentile } from './shared/stats.js';

const root = new URL('../', import.meta.url);
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '7' }, 'child-load': { type: 'boolean', default: false } },
});
const runs = Number(values.runs);

/** The child side of step 2: prints one JSON line with what loading the catalog cost. */
function measureLoadInThisProcess(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const catalog = loadCatalog();
  const loadMs = performance.now() - started;
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  console.log(
    JSON.stringify({
      loadMs,
      rssMb: (rss - rssBefore) / 2 ** 20,
      heapMb: (heapUsed - heapBefore) / 2 ** 20,
      entries: catalog.entries.length,
    }),
  );
}

function startRelayOnce(port: number): Promise<{ startMs: number; rssMb: number }> {
  const home = mkdtempSync(join(tmpdir(), 'switchboard-bench-catalog-'));
  writeFileSync(join(home, 'config.yaml'), 'providers:\n  - id: openai\n  - id: anthropic\n');
  const started = performance.now();
  const child = spawn(process.execPath, [...relayNodeFlags, 'dist/electron/relay-process.js'], {
    cwd: root,
    env: { ...process.env, SWITCHBOARD_HOME: home, SWITCHBOARD_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      if (!/listening on/.test(output)) return;
      const startMs = performance.now() - started;
      const rssMb = readRssMb(child.pid!);
      child.once('exit', () => {
        rmSync(home, { recursive: true, force: true });
        resolve({ startMs, rssMb });
      });
      child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
  });
}

function summary(name: string, list: number[], unit: string, digits = 1): string {
  const sorted = [...list].sort((a, b) => a - b);
  return `| ${name} | ${percentile(sorted, 50).toFixed(digits)} ${unit} | ${sorted[0]!.toFixed(digits)}–${sorted.at(-1)!.toFixed(digits)} ${unit} |`;
}

async function main(): Promise<void> {
  const built = spawnSync(process.execPath, ['scripts/start-desktop.mjs', '--build-only'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('bundling the relay failed');

  const starts: Array<{ startMs: number; rssMb: number }> = [];
  for (let run = 0; run < runs; run += 1) starts.push(await startRelayOnce(await freePort()));

  const loads: Array<{ loadMs: number; rssMb: number; heapMb: number; entries: number }> = [];
  for (let run = 0; run < runs; run += 1) {
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'bench/catalog.ts', '--child-load'],
      { cwd: root, encoding: 'utf8' },
    );
    if (child.status !== 0) throw new Error(child.stderr);
    loads.push(JSON.parse(child.stdout.trim().split('\n').at(-1)!) as (typeof loads)[number]);
  }

  const catalog = loadCatalog();
  const names = [
    ['openai', 'gpt-4o-mini'],
    ['openai', 'gpt-4o-mini-2024-07-18'],
    ['anthropic', 'claude-sonnet-4-5-20250929'],
    ['anthropic', 'claude-opus-4.5'],
    ['bedrock', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ['vertex', 'gemini-2.5-pro@001'],
    ['openrouter', 'openai/gpt-4o:free'],
    ['openai', 'no-such-model'],
  ] as const;
  // fresh names each round, so the lookup memo does not answer them all
  const rounds = 20_000;
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    for (const [provider, model] of names) catalog.find(provider, round % 2 ? model : `${model}-x${round}`);
  }
  const findNs = ((performance.now() - started) * 1e6) / (rounds * names.length);

  console.log(`\ncatalog: ${loads[0]!.entries} entries; ${runs} runs each\n`);
  console.log('| measure | median | range |');
  console.log('|---|---|---|');
  console.log(
    summary(
      'relay start (spawn to listening)',
      starts.map((start) => start.startMs),
      'ms',
      0,
    ),
  );
  console.log(
    summary(
      'relay RSS when listening',
      starts.map((start) => start.rssMb),
      'MB',
    ),
  );
  console.log(
    summary(
      'catalog load (read, parse, index)',
      loads.map((load) => load.loadMs),
      'ms',
    ),
  );
  console.log(
    summary(
      'catalog RSS added',
      loads.map((load) => load.rssMb),
      'MB',
    ),
  );
  console.log(
    summary(
      'catalog heap added',
      loads.map((load) => load.heapMb),
      'MB',
    ),
  );
  console.log(`| find (mixed names, half unmemoised) | ${findNs.toFixed(0)} ns | – |`);
}

if (values['child-load']) measureLoadInThisProcess();
else await main();
