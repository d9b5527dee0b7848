/**
 * What one request costs the relay, counted rather than timed: promises and other async resources
 * created, bytes allocated on V8's heap, young-collection pause, and CPU per thread (the event
 * loop, the history thread, the rest). Throughput and CPU per request swing by a tenth or more
 * between processes of the same build on a shared machine; the first three counts barely move, so
 * they show what a change did to the request path where a timed run cannot.
 *
 * Each bundle runs twice in front of the fast upstream (shared/fast-upstream.ts): once with V8's
 * GC trace (allocation, pauses) and /proc's per-thread CPU, once with an async_hooks counter
 * (shared/count-async.mjs, which slows the process, so its times are not used). Warm-up first,
 * then `--requests` requests at `--concurrency`.
 *
 *   npm run bench:counts
 *   npm run bench:counts -- --bundles dist/electron/relay-process.js,dist/electron/relay-process-before.js
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from '../test/helpers/free-port.js';
import { chatRequest } from './shared/measure-paths.js';
import { runLoad } from './shared/run-load.js';
import type { RelayProcess } from './shared/start-bench-stack.js';
import {
  benchClientKey,
  bundleRelay,
  startProcess,
  startRelayProcess,
  stopProcess,
} from './shared/start-bench-stack.js';
import { readThreadCpuMs } from './shared/read-cpu-ms.js';
import { markdownTable } from './shared/stats.js';

const { values } = parseArgs({
  options: {
    bundles: { type: 'string', default: '' },
    requests: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '32' },
  },
});
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const countHook = fileURLToPath(new URL('shared/count-async.mjs', import.meta.url));

/** Lines a relay prints from now on, and a way to wait for one. */
function watchOutput(relay: RelayProcess) {
  const lines: string[] = [];
  let waiters: Array<() => void> = [];
  let rest = '';
  relay.process.stdout!.on('data', (data: Buffer) => {
    const parts = (rest + data.toString('utf8')).split('\n');
    rest = parts.pop()!;
    lines.push(...parts);
    const waiting = waiters;
    waiters = [];
    for (const waiter of waiting) waiter();
  });
  return {
    lines,
    async until(match: (line: string) => boolean): Promise<string> {
      for (;;) {
        const found = lines.find(match);
        if (found !== undefined) return found;
        await new Promise<void>((resolve) => (waiters = [...waiters, resolve]));
      }
    },
  };
}

const sumOf = (lines: string[], field: string) =>
  lines.reduce((sum, line) => sum + Number(new RegExp(` ${field}=([\\d.]+)`).exec(line)?.[1] ?? 0), 0);

async function measure(bundle: string, upstream: string) {
  const request = chatRequest({ authorization: `Bearer ${benchClientKey}` });
  const load = (origin: string) => runLoad(origin, request, { concurrency, total: requests });

  // V8's trace and /proc: allocation, young-collection pauses, CPU per thread
  const traced = await startRelayProcess(upstream, {
    bundlePath: bundle,
    relayNodeFlags: ['--trace-gc-nvp'],
  });
  const output = watchOutput(traced);
  await load(traced.origin);
  const pid = traced.process.pid!;
  const from = output.lines.length;
  const before = readThreadCpuMs(pid);
  const done = (await load(traced.origin)).samples.length;
  const after = readThreadCpuMs(pid);
  const gcLines = output.lines.slice(from);
  await traced.stop();
  const cpu = [...after].map(([thread, ms]) => [thread, (ms - (before.get(thread) ?? 0)) / done] as const);
  const loop = cpu.find(([thread]) => thread === 'loop')?.[1] ?? NaN;
  // the thread that works most besides the event loop is the history's
  const others = cpu.filter(([thread]) => thread !== 'loop').sort((a, b) => b[1] - a[1]);
  const history = others[0]?.[1] ?? 0;
  const rest = others.slice(1).reduce((sum, [, ms]) => sum + ms, 0);
  const scavenges = gcLines.filter((line) => / gc=s /.test(line));

  // async_hooks: promises and other async resources a request
  const hooked = await startRelayProcess(upstream, {
    bundlePath: bundle,
    relayNodeFlags: ['--import', countHook],
  });
  const counted = watchOutput(hooked);
  await load(hooked.origin);
  hooked.process.kill('SIGUSR2');
  await counted.until((line) => line === 'switchboard-counts: start');
  const hookedDone = (await load(hooked.origin)).samples.length;
  hooked.process.kill('SIGUSR2');
  const end = await counted.until((line) => line.startsWith('switchboard-counts: end '));
  await hooked.stop();
  const resources = JSON.parse(end.slice('switchboard-counts: end '.length)) as Record<string, number>;

  return {
    bundle,
    'promises/request': ((resources.PROMISE ?? 0) / hookedDone).toFixed(1),
    'other async resources/request': (
      Object.entries(resources)
        .filter(([type]) => type !== 'PROMISE')
        .reduce((sum, [, count]) => sum + count, 0) / hookedDone
    ).toFixed(1),
    'kB allocated/request': (sumOf(gcLines, 'allocated') / done / 1024).toFixed(1),
    'young-collection pause µs/request': ((sumOf(scavenges, 'pause') * 1000) / done).toFixed(2),
    'CPU ms/request: event loop': loop.toFixed(3),
    'history thread': history.toFixed(3),
    'other threads': rest.toFixed(3),
  };
}

async function main() {
  const bundles = values.bundles
    ? values.bundles.split(',')
    : (bundleRelay(), ['dist/electron/relay-process.js']);
  const port = await freePort();
  const upstream = await startProcess(
    ['bench/shared/fast-upstream.ts', '--port', String(port)],
    {},
    /listening on/,
  );
  try {
    const rows = [];
    for (const bundle of bundles) rows.push(await measure(bundle, `http://127.0.0.1:${port}/v1`));
    console.log(
      `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${requests} requests at -c${concurrency} after as many to warm up, fast upstream, whole answers\n`,
    );
    console.log(markdownTable(rows));
  } finally {
    await stopProcess(upstream);
  }
}

await main();
