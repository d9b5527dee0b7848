/**
 * Relay benchmark: the same requests sent straight to the upstream emulator and through the relay,
 * in one run, at several concurrencies, for whole answers, streams, and streams translated between
 * dialects. Then a fixed moderate request rate for the relay's overhead. The relay's RSS is
 * sampled throughout. At concurrency 1 and the fixed rate a forward-only proxy
 * (shared/minimal-proxy.ts) is measured too: what a second hop alone costs on this machine, and
 * with one JSON.parse of each body. Emulator and relay each run in their own process; this process is the load
 * generator. Prints Markdown tables (medians of the runs) and writes bench/results/latest.json.
 *
 *   npm run bench:relay                                          # 1/32/128, 2,000 requests, 3 runs
 *   npm run bench:relay -- --concurrency 1,32 --requests 500 --runs 1 --cases chat,stream
 *   npm run bench:relay -- --cpu-prof                            # relay CPU profile in bench/results/
 *   npm run bench:relay -- --no-proxy                            # without the forward-only proxy
 *   npm run bench:relay -- --second-target --resume-streams      # streams that could be resumed
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchCases } from './shared/bench-cases.js';
import type { BenchCase } from './shared/bench-cases.js';
import { runAtRate, runLoad } from './shared/run-load.js';
import type { LoadResult } from './shared/run-load.js';
import { readCpuMs } from './shared/read-cpu-ms.js';
import { sampleRss } from './shared/sample-rss.js';
import { startBenchStack } from './shared/start-bench-stack.js';
import { markdownTable, median, percentile } from './shared/stats.js';

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '1,32,128' },
    requests: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '3' },
    /** Comma-separated case names (substring match), default all. */
    cases: { type: 'string', default: '' },
    /** Requests per second of the fixed-rate phase (0 skips it). */
    rate: { type: 'string', default: '50' },
    'rate-requests': { type: 'string', default: '500' },
    'cpu-prof': { type: 'boolean', default: false },
    /** Extra node flags for the relay process, space-separated (e.g. V8 heap settings). */
    'relay-node-flags': { type: 'string', default: '' },
    /** bundle: the relay as the desktop app ships it; tsx: as `npm run relay` runs it. */
    'relay-build': { type: 'string', default: 'bundle' },
    /** Skip the forward-only proxy measured at concurrency 1 and the fixed rate. */
    'no-proxy': { type: 'boolean', default: false },
    /** A second provider serving the OpenAI models: a target is left to fail over to. */
    'second-target': { type: 'boolean', default: false },
    /** `fallback.resume_streams: true` (with --second-target, a stream could be continued). */
    'resume-streams': { type: 'boolean', default: false },
  },
});
const concurrencies = values.concurrency.split(',').map(Number);
const total = Number(values.requests);
const runs = Number(values.runs);
const rate = Number(values.rate);
const rateRequests = Number(values['rate-requests']);
const selected = values.cases ? values.cases.split(',') : [];
const cases = benchCases.filter(
  (testCase) => selected.length === 0 || selected.some((name) => testCase.name.includes(name)),
);
const resultsDir = new URL('results/', import.meta.url);

interface RunFigures {
  rps: number;
  p50: number;
  p99: number;
  ttft50: number;
  eventsPerSecond: number;
  overhead50: number;
  overhead99: number;
  /** The relay process's CPU time per request, ms (0 on the direct side). */
  cpuMs: number;
}

function figures({ samples, seconds }: LoadResult): RunFigures {
  const overheads = samples.flatMap((sample) => (sample.overheadMs === undefined ? [] : [sample.overheadMs]));
  const totals = samples.map((sample) => sample.totalMs);
  return {
    rps: samples.length / seconds,
    p50: percentile(totals, 50),
    p99: percentile(totals, 99),
    ttft50: percentile(
      samples.map((sample) => sample.ttftMs),
      50,
    ),
    eventsPerSecond: samples.reduce((sum, sample) => sum + sample.events, 0) / seconds,
    overhead50: percentile(overheads, 50),
    overhead99: percentile(overheads, 99),
    cpuMs: 0,
  };
}

interface RunPair {
  direct: RunFigures;
  relay: RunFigures;
  /** The forward-only proxy, same requests as direct (concurrency 1 and the fixed rate). */
  proxy?: RunFigures;
  /** The same proxy parsing each body as JSON before forwarding it. */
  parsingProxy?: RunFigures;
}

/** Median over runs of one figure, and of the per-run relay − direct difference. */
function pick(runsOf: RunPair[]) {
  return {
    proxyDiff: (key: keyof RunFigures, side: 'proxy' | 'parsingProxy' = 'proxy') =>
      median(runsOf.flatMap((run) => (run[side] ? [run[side][key] - run.direct[key]] : []))),
    of: (side: 'direct' | 'relay', key: keyof RunFigures) => median(runsOf.map((run) => run[side][key])),
    diff: (key: keyof RunFigures) => median(runsOf.map((run) => run.relay[key] - run.direct[key])),
    ratio: (key: keyof RunFigures) => median(runsOf.map((run) => run.relay[key] / run.direct[key])),
  };
}

const ms = (value: number) => value.toFixed(2);

async function main() {
  const profileDir = fileURLToPath(new URL('profiles/', resultsDir));
  const stack = await startBenchStack({
    relayBuild: values['relay-build'] === 'tsx' ? 'tsx' : 'bundle',
    proxy: !values['no-proxy'],
    secondTarget: values['second-target'],
    resumeStreams: values['resume-streams'],
    relayNodeFlags: [
      ...(values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []),
      ...values['relay-node-flags'].split(' ').filter(Boolean),
    ],
  });
  const rss = sampleRss(stack.relayPid);
  const idleRssMb = rss.peak();
  const loadRows: Record<number, Array<Record<string, string | number>>> = {};
  const rateRows: Array<Record<string, string | number>> = [];
  try {
    for (const concurrency of concurrencies) loadRows[concurrency] = [];
    for (const testCase of cases) {
      // warm both paths (JIT, connection pools)
      const warm = { concurrency: 8, total: Math.min(total, 500) };
      await runLoad(stack.direct, testCase.direct, warm);
      await runLoad(stack.relay, testCase.relay, warm);
      for (const concurrency of concurrencies) {
        const measured: RunPair[] = [];
        const withProxy = concurrency === 1 && stack.proxy !== undefined;
        rss.resetPeak();
        for (let run = 0; run < runs; run++) {
          const direct = figures(await runLoad(stack.direct, testCase.direct, { concurrency, total }));
          const cpuBefore = readCpuMs(stack.relayPid);
          const relay = figures(await runLoad(stack.relay, testCase.relay, { concurrency, total }));
          relay.cpuMs = (readCpuMs(stack.relayPid) - cpuBefore) / total;
          const proxy = withProxy
            ? figures(await runLoad(stack.proxy!, testCase.direct, { concurrency, total }))
            : undefined;
          const parsingProxy = withProxy
            ? figures(await runLoad(stack.proxy!, parsing(testCase), { concurrency, total }))
            : undefined;
          measured.push({ direct, relay, proxy, parsingProxy });
        }
        loadRows[concurrency]!.push(loadRow(testCase, pick(measured), rss.peak(), withProxy));
      }
      if (rate > 0 && testCase.relay.path === testCase.direct.path) {
        const measured: RunPair[] = [];
        for (let run = 0; run < runs; run++) {
          const options = { rate, total: rateRequests };
          const direct = figures(await runAtRate(stack.direct, testCase.direct, options));
          const relay = figures(await runAtRate(stack.relay, testCase.relay, options));
          const proxy = stack.proxy
            ? figures(await runAtRate(stack.proxy, testCase.direct, options))
            : undefined;
          const parsingProxy = stack.proxy
            ? figures(await runAtRate(stack.proxy, parsing(testCase), options))
            : undefined;
          measured.push({ direct, relay, proxy, parsingProxy });
        }
        rateRows.push(rateRow(testCase, pick(measured), stack.proxy !== undefined));
      }
    }
  } finally {
    rss.stop();
    await stack.close();
  }
  const peakRssMb = Math.max(...rss.samples.map((sample) => sample.mb));
  const meta = `${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}; ${total} requests per run, median of ${runs} runs`;
  const sections = [meta, ''];
  for (const concurrency of concurrencies) {
    sections.push(`Concurrency ${concurrency}:`, '', markdownTable(loadRows[concurrency]!), '');
  }
  if (rateRows.length > 0) {
    sections.push(`Fixed rate, ${rate} requests/s, ${rateRequests} requests per run:`, '');
    sections.push(markdownTable(rateRows), '');
  }
  sections.push(`Relay RSS: ${idleRssMb.toFixed(0)} MB idle after start, ${peakRssMb.toFixed(0)} MB peak.`);
  console.log(sections.join('\n'));
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    new URL('latest.json', resultsDir),
    JSON.stringify({ meta, loadRows, rateRows, idleRssMb, peakRssMb }, null, 2),
  );
}

/** The direct request, for the proxy to parse before forwarding it. */
function parsing(testCase: BenchCase): BenchCase['direct'] {
  return { ...testCase.direct, headers: { ...testCase.direct.headers, 'x-bench-parse': '1' } };
}

/** What the forward-only proxy adds over direct, and with a JSON parse: TTFT (streams) and p50. */
function proxyColumns(testCase: BenchCase, figure: ReturnType<typeof pick>) {
  const columns = (side: 'proxy' | 'parsingProxy') =>
    `${testCase.stream ? ms(figure.proxyDiff('ttft50', side)) : '–'} / ${ms(figure.proxyDiff('p50', side))}`;
  return {
    'minimal proxy: TTFT overhead / added p50 ms': columns('proxy'),
    'parsing proxy: TTFT overhead / added p50 ms': columns('parsingProxy'),
  };
}

function loadRow(
  testCase: BenchCase,
  figure: ReturnType<typeof pick>,
  peakRssMb: number,
  withProxy: boolean,
) {
  return {
    case: testCase.name,
    'direct req/s': figure.of('direct', 'rps').toFixed(0),
    'relay req/s': figure.of('relay', 'rps').toFixed(0),
    'throughput ratio': figure.ratio('rps').toFixed(2),
    'p50 ms direct / relay': `${ms(figure.of('direct', 'p50'))} / ${ms(figure.of('relay', 'p50'))}`,
    'p99 ms direct / relay': `${ms(figure.of('direct', 'p99'))} / ${ms(figure.of('relay', 'p99'))}`,
    'TTFT overhead p50 ms': testCase.stream ? ms(figure.diff('ttft50')) : '–',
    'SSE events/s direct / relay': testCase.stream
      ? `${figure.of('direct', 'eventsPerSecond').toFixed(0)} / ${figure.of('relay', 'eventsPerSecond').toFixed(0)}`
      : '–',
    'x-relay-overhead-ms p50 / p99': `${figure.of('relay', 'overhead50').toFixed(3)} / ${figure.of('relay', 'overhead99').toFixed(3)}`,
    'relay peak RSS MB': peakRssMb.toFixed(0),
    'relay CPU ms/request': figure.of('relay', 'cpuMs').toFixed(3),
    ...(withProxy ? proxyColumns(testCase, figure) : {}),
  };
}

function rateRow(testCase: BenchCase, figure: ReturnType<typeof pick>, withProxy: boolean) {
  return {
    case: testCase.name,
    'x-relay-overhead-ms p50 / p99': `${figure.of('relay', 'overhead50').toFixed(3)} / ${figure.of('relay', 'overhead99').toFixed(3)}`,
    'added latency p50 / p99 ms': `${ms(figure.diff('p50'))} / ${ms(figure.diff('p99'))}`,
    'TTFT overhead p50 ms': testCase.stream ? ms(figure.diff('ttft50')) : '–',
    'p50 ms direct / relay': `${ms(figure.of('direct', 'p50'))} / ${ms(figure.of('relay', 'p50'))}`,
    'p99 ms direct / relay': `${ms(figure.of('direct', 'p99'))} / ${ms(figure.of('relay', 'p99'))}`,
    ...(withProxy ? proxyColumns(testCase, figure) : {}),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
