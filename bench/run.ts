/**
 * Relay overhead benchmark: the same requests sent straight to the emulator and through the
 * relay, in one run, at a fixed concurrency. Emulator and relay each run in their own process;
 * this process is the load generator. Prints a Markdown table (median of the runs) and writes
 * bench/results/latest.json.
 *
 *   npm run bench                       # defaults: concurrency 8, 2,000 requests, 3 runs
 *   npm run bench -- --concurrency 32 --requests 4000 --runs 5
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { freePort } from '../test/helpers/free-port.js';

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '8' },
    requests: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '3' },
  },
});
const concurrency = Number(values.concurrency);
const total = Number(values.requests);
const runs = Number(values.runs);
const clientKey = 'sb-bench-client-key';
const root = new URL('../', import.meta.url);

function startProcess(args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      if (ready.test(output)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${output}`)));
  });
}

interface Sample {
  totalMs: number;
  ttftMs: number;
  overheadMs?: number;
}

async function runLoad(
  origin: string,
  body: string,
  stream: boolean,
): Promise<{ samples: Sample[]; seconds: number }> {
  const pool = new Pool(origin, { connections: concurrency, pipelining: 1 });
  const samples: Sample[] = [];
  let next = 0;
  const started = performance.now();
  async function worker() {
    while (next < total) {
      next += 1;
      const t0 = performance.now();
      const reply = await pool.request({
        path: '/v1/chat/completions',
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${clientKey}` },
        body,
      });
      if (reply.statusCode !== 200) throw new Error(`HTTP ${reply.statusCode}: ${await reply.body.text()}`);
      let ttft = 0;
      for await (const _chunk of reply.body) if (ttft === 0) ttft = performance.now() - t0;
      const overhead = reply.headers['x-relay-overhead-ms'];
      samples.push({
        totalMs: performance.now() - t0,
        ttftMs: stream ? ttft : performance.now() - t0,
        overheadMs: typeof overhead === 'string' ? Number(overhead) : undefined,
      });
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return { samples, seconds };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function median(values: number[]): number {
  return percentile(values, 50);
}

async function main() {
  const emulatorPort = await freePort();
  const relayPort = await freePort();
  const home = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  writeFileSync(
    join(home, 'config.yaml'),
    `providers:\n  - id: openai\n    base_url: http://127.0.0.1:${emulatorPort}/v1\n`,
  );
  const emulator = await startProcess(
    ['test/emulator/cli.ts', '--port', String(emulatorPort)],
    {},
    /127\.0\.0\.1/,
  );
  const relay = await startProcess(
    ['relay-core/src/cli.ts'],
    {
      SWITCHBOARD_HOME: home,
      SWITCHBOARD_PORT: String(relayPort),
      SWITCHBOARD_API_KEY: clientKey,
      OPENAI_API_KEY: 'sk-bench',
    },
    /listening on/,
  );
  const direct = `http://127.0.0.1:${emulatorPort}`;
  const viaRelay = `http://127.0.0.1:${relayPort}`;
  const cases = [
    { name: 'non-streaming', stream: false },
    { name: 'streaming', stream: true },
  ];
  const rows: Array<Record<string, string | number>> = [];
  try {
    for (const testCase of cases) {
      const body = JSON.stringify({
        model: 'gpt-4.1-nano',
        messages: [{ role: 'user', content: 'Invent a holiday.' }],
        stream: testCase.stream,
      });
      // warm both paths (JIT, connection pools)
      await runLoad(direct, body, testCase.stream);
      await runLoad(viaRelay, body, testCase.stream);
      const results: Record<
        'direct' | 'relay',
        Array<{
          rps: number;
          p50: number;
          p99: number;
          ttft50: number;
          overhead50: number;
          overhead99: number;
        }>
      > = {
        direct: [],
        relay: [],
      };
      for (let run = 0; run < runs; run++) {
        for (const [label, origin] of [
          ['direct', direct],
          ['relay', viaRelay],
        ] as const) {
          const { samples, seconds } = await runLoad(origin, body, testCase.stream);
          const overheads = samples.flatMap((s) => (s.overheadMs === undefined ? [] : [s.overheadMs]));
          results[label].push({
            rps: samples.length / seconds,
            p50: percentile(
              samples.map((s) => s.totalMs),
              50,
            ),
            p99: percentile(
              samples.map((s) => s.totalMs),
              99,
            ),
            ttft50: percentile(
              samples.map((s) => s.ttftMs),
              50,
            ),
            overhead50: overheads.length ? percentile(overheads, 50) : NaN,
            overhead99: overheads.length ? percentile(overheads, 99) : NaN,
          });
        }
      }
      const pick = (label: 'direct' | 'relay', key: keyof (typeof results)['direct'][number]) =>
        median(results[label].map((r) => r[key]));
      rows.push({
        case: testCase.name,
        'direct req/s': pick('direct', 'rps').toFixed(0),
        'relay req/s': pick('relay', 'rps').toFixed(0),
        'throughput ratio': (pick('relay', 'rps') / pick('direct', 'rps')).toFixed(2),
        'direct p50 ms': pick('direct', 'p50').toFixed(2),
        'relay p50 ms': pick('relay', 'p50').toFixed(2),
        'direct p99 ms': pick('direct', 'p99').toFixed(2),
        'relay p99 ms': pick('relay', 'p99').toFixed(2),
        'TTFT p50 direct/relay ms': `${pick('direct', 'ttft50').toFixed(2)} / ${pick('relay', 'ttft50').toFixed(2)}`,
        'x-relay-overhead-ms p50 / p99': `${pick('relay', 'overhead50').toFixed(3)} / ${pick('relay', 'overhead99').toFixed(3)}`,
      });
    }
  } finally {
    relay.kill('SIGTERM');
    emulator.kill('SIGTERM');
    rmSync(home, { recursive: true, force: true });
  }
  const headers = Object.keys(rows[0]!);
  const table = [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${headers.map((h) => row[h]).join(' | ')} |`),
  ].join('\n');
  const meta = `${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, concurrency ${concurrency}, ${total} requests per run, median of ${runs} runs`;
  console.log(`${meta}\n\n${table}`);
  mkdirSync(new URL('results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('results/latest.json', import.meta.url), JSON.stringify({ meta, rows }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
