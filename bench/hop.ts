/**
 * The relay against a bare second hop and a peer gateway, all in front of one fast upstream
 * (shared/fast-upstream.ts: a fixed short chat completion, prepared as bytes), in one run:
 * straight to the upstream, through the forward-only proxy (shared/minimal-proxy.ts), through the
 * relay as the app ships it (one bundle under plain Node), and through Portkey's open-source
 * gateway (`@portkey-ai/gateway`, from node_modules, else /tmp/portkey; skipped when absent).
 * Each round measures every path for the same time at each concurrency, in a rotating order;
 * the figures are medians over rounds, and each ratio is taken within its round. The relay's
 * targets (issue 25) are checked at the end. Writes bench/results/hop.json.
 *
 *   npm run bench:hop                                    # concurrency 32 and 1, 5 rounds of 3 s
 *   npm run bench:hop -- --rounds 3 --seconds 2 --stream
 *   npm run bench:hop -- --cpu-prof                      # relay CPU profile in bench/results/profiles
 *   npm run bench:hop -- --compare dist/electron/relay-process-before.js   # earlier builds beside (a,b)
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from '../test/helpers/free-port.js';
import type { BenchPath, Figures } from './shared/measure-paths.js';
import { chatRequest as chatRequestOf, measureRounds, roundOptions } from './shared/measure-paths.js';
import {
  benchClientKey,
  bundleRelay,
  startProcess,
  startRelayProcess,
  stopProcess,
} from './shared/start-bench-stack.js';
import { markdownTable, median } from './shared/stats.js';

const { values } = parseArgs({
  options: {
    ...roundOptions,
    /** Streamed answers (a few SSE events) instead of a whole JSON answer. */
    stream: { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
    /** Without Portkey even when it is installed. */
    'no-peer': { type: 'boolean', default: false },
    /** Other relay bundles measured beside this one, comma-separated (an earlier build, for before/after). */
    compare: { type: 'string', default: '' },
  },
});
const concurrencies = values.concurrency.split(',').map(Number);
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const root = new URL('../', import.meta.url);
const resultsDir = new URL('results/', import.meta.url);
const chatRequest = (headers: Record<string, string>) => chatRequestOf(headers, values.stream);

/** Portkey's gateway from the project's dev dependencies, else from a copy installed beside it. */
function findPortkey(): string | undefined {
  const candidates = [
    fileURLToPath(new URL('node_modules/@portkey-ai/gateway/build/start-server.js', root)),
    '/tmp/portkey/node_modules/@portkey-ai/gateway/build/start-server.js',
  ];
  return candidates.find((path) => existsSync(path));
}

async function main() {
  bundleRelay();
  const stopped: Array<() => Promise<void>> = [];
  const upstreamPort = await freePort();
  const upstreamProcess = await startProcess(
    ['bench/shared/fast-upstream.ts', '--port', String(upstreamPort)],
    {},
    /listening on/,
  );
  stopped.push(() => stopProcess(upstreamProcess));
  const upstream = `http://127.0.0.1:${upstreamPort}`;
  const paths: BenchPath[] = [];
  try {
    paths.push({ name: 'straight to the upstream', origin: upstream, request: chatRequest({}) });
    const proxyPort = await freePort();
    const proxy = await startProcess(
      ['bench/shared/minimal-proxy.ts', '--port', String(proxyPort), '--upstream', upstream],
      {},
      /listening on/,
    );
    stopped.push(() => stopProcess(proxy));
    paths.push({
      name: 'minimal forward proxy',
      origin: `http://127.0.0.1:${proxyPort}`,
      request: chatRequest({ authorization: 'Bearer sk-bench' }),
      pids: [proxy.pid!],
    });
    // the least a relay that routes on what a request says must add: parsing the body once
    paths.push({
      name: 'minimal proxy, parsing the body',
      origin: `http://127.0.0.1:${proxyPort}`,
      request: chatRequest({ authorization: 'Bearer sk-bench', 'x-bench-parse': '1' }),
      pids: [proxy.pid!],
    });
    // and what a relay that prices and records each answer cannot do without (whole answers)
    if (!values.stream)
      paths.push({
        name: "minimal proxy, a relay's least work",
        origin: `http://127.0.0.1:${proxyPort}`,
        request: chatRequest({ authorization: 'Bearer sk-bench', 'x-bench-parse': '2' }),
        pids: [proxy.pid!],
      });
    const profileDir = fileURLToPath(new URL('profiles/', resultsDir));
    const relay = await startRelayProcess(`${upstream}/v1`, {
      relayNodeFlags: values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
    });
    stopped.push(() => relay.stop());
    paths.push({
      name: 'the relay',
      origin: relay.origin,
      request: chatRequest({ authorization: `Bearer ${benchClientKey}` }),
      pids: [relay.process.pid!],
    });
    for (const bundlePath of values.compare.split(',').filter(Boolean)) {
      const earlier = await startRelayProcess(`${upstream}/v1`, { bundlePath });
      stopped.push(() => earlier.stop());
      paths.push({
        name: `the relay, ${bundlePath}`,
        origin: earlier.origin,
        request: chatRequest({ authorization: `Bearer ${benchClientKey}` }),
        pids: [earlier.process.pid!],
      });
    }
    const portkey = values['no-peer'] ? undefined : findPortkey();
    if (portkey) {
      const portkeyPort = await freePort();
      const gateway = await startProcess(
        [portkey, `--port=${portkeyPort}`, '--headless'],
        { NODE_ENV: 'production' },
        /Ready for connections|running at/,
        [],
        false,
      );
      stopped.push(() => stopProcess(gateway));
      paths.push({
        name: "Portkey's gateway 1.15 (npm)",
        origin: `http://127.0.0.1:${portkeyPort}`,
        request: chatRequest({
          authorization: 'Bearer sk-bench',
          'x-portkey-provider': 'openai',
          'x-portkey-custom-host': `${upstream}/v1`,
        }),
        pids: [gateway.pid!],
      });
    } else if (!values['no-peer']) {
      console.error(
        'Portkey skipped: @portkey-ai/gateway is in neither node_modules nor /tmp/portkey/node_modules ' +
          '(npm install, or npm install --prefix /tmp/portkey @portkey-ai/gateway@1.15.2)',
      );
    }
    const report = await run(paths);
    console.log(report.text);
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(new URL('hop.json', resultsDir), JSON.stringify(report.json, null, 2));
  } finally {
    for (const stop of stopped.reverse()) await stop();
  }
}

async function run(paths: BenchPath[]) {
  const byConcurrency = await measureRounds(paths, { concurrencies, rounds, seconds });
  const relayAt = paths.findIndex((path) => path.name === 'the relay');
  const proxyAt = paths.findIndex((path) => path.name === 'minimal forward proxy');
  const peerAt = paths.findIndex((path) => path.name.startsWith('Portkey'));
  const lines = [
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}; ${values.stream ? 'streamed' : 'whole'} answers; ` +
      `median of ${rounds} rounds of ${seconds} s per path`,
    '',
  ];
  const json: Record<string, unknown> = {};
  const targets: string[] = [];
  for (const [concurrency, measured] of byConcurrency) {
    const ofRound = (index: number, key: keyof Figures) => measured.map((round) => round[index]![key]);
    const ratio = (index: number, to: number) =>
      median(measured.map((round) => round[index]!.rps / round[to]!.rps));
    const rows = paths.map((path, index) => ({
      path: path.name,
      'req/s': median(ofRound(index, 'rps')).toFixed(0),
      'ratio to direct': ratio(index, 0).toFixed(2),
      'ratio to proxy': ratio(index, proxyAt).toFixed(2),
      'p50 ms': median(ofRound(index, 'p50')).toFixed(2),
      'p99 ms': median(ofRound(index, 'p99')).toFixed(2),
      'CPU ms/request': path.pids === undefined ? '–' : median(ofRound(index, 'cpuMs')).toFixed(3),
      'event loop CPU ms/request':
        path.pids === undefined ? '–' : median(ofRound(index, 'loopCpuMs')).toFixed(3),
    }));
    lines.push(`Concurrency ${concurrency}:`, '', markdownTable(rows), '');
    const relayToProxy = ratio(relayAt, proxyAt);
    const relayToPeer = peerAt === -1 ? undefined : ratio(relayAt, peerAt);
    const addedP50 = median(measured.map((round) => round[relayAt]!.p50 - round[proxyAt]!.p50));
    json[`c${concurrency}`] = { rows, relayToProxy, relayToPeer, addedP50 };
    if (concurrency === 32) {
      targets.push(
        `- relay ≥ 0.75 of the minimal proxy's throughput at -c32: ${relayToProxy.toFixed(2)} ${relayToProxy >= 0.75 ? 'met' : 'NOT met'}`,
      );
      targets.push(
        relayToPeer === undefined
          ? '- relay ≥ 10× Portkey at -c32: not measured (Portkey absent)'
          : `- relay ≥ 10× Portkey's throughput at -c32: ${relayToPeer.toFixed(1)}× ${relayToPeer >= 10 ? 'met' : 'NOT met'}`,
      );
      // on a saturated machine throughput follows CPU per request, which others' load stretches less
      const cpuRatio = median(measured.map((round) => round[relayAt]!.cpuMs / round[proxyAt]!.cpuMs));
      targets.push(`  (relay CPU per request ÷ the proxy's at -c32: ${cpuRatio.toFixed(2)})`);
    }
    if (concurrency === 1) {
      targets.push(
        `- p50 over the minimal proxy ≤ 0.3 ms at -c1: ${addedP50.toFixed(2)} ms ${addedP50 <= 0.3 ? 'met' : 'NOT met'}`,
      );
    }
  }
  if (targets.length > 0) lines.push('Targets (issue 25):', '', ...targets);
  return { text: lines.join('\n'), json: { meta: lines[0], ...json } };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
