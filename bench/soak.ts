/**
 * Soak: a steady mix of the benchmark's requests (whole, streamed, translated both ways) through
 * the relay for a while, sampling the relay's RSS every second. After a warm-up, the RSS should
 * stay flat: a leak shows as a steady slope.
 *
 *   npm run bench:soak                                  # 10 minutes, concurrency 8
 *   npm run bench:soak -- --duration 120 --concurrency 8
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { benchCases } from './shared/bench-cases.js';
import { sampleRss } from './shared/sample-rss.js';
import { startBenchStack } from './shared/start-bench-stack.js';
import { median } from './shared/stats.js';

const { values } = parseArgs({
  options: {
    /** Seconds of load. */
    duration: { type: 'string', default: '600' },
    concurrency: { type: 'string', default: '8' },
    /** Seconds at the start left out of the verdict (JIT, pools, caches filling). */
    warmup: { type: 'string', default: '' },
  },
});
const durationMs = Number(values.duration) * 1000;
const concurrency = Number(values.concurrency);
const warmupMs = values.warmup ? Number(values.warmup) * 1000 : Math.min(60_000, durationMs * 0.2);

/** Least-squares slope of (seconds, MB) samples, in MB per minute. */
function slopePerMinute(points: Array<{ at: number; mb: number }>): number {
  const n = points.length;
  const meanX = points.reduce((sum, point) => sum + point.at, 0) / n;
  const meanY = points.reduce((sum, point) => sum + point.mb, 0) / n;
  let numerator = 0;
  let denominator = 0;
  for (const point of points) {
    numerator += (point.at - meanX) * (point.mb - meanY);
    denominator += (point.at - meanX) ** 2;
  }
  return denominator === 0 ? 0 : (numerator / denominator) * 60_000;
}

async function main() {
  const stack = await startBenchStack();
  const rss = sampleRss(stack.relayPid, 1000);
  const pool = new Pool(stack.relay, { connections: concurrency, pipelining: 1 });
  let completed = 0;
  const failures: string[] = [];
  const started = performance.now();
  const worker = async (index: number) => {
    let turn = index;
    while (performance.now() - started < durationMs) {
      const { relay: request } = benchCases[turn++ % benchCases.length]!;
      try {
        const reply = await pool.request({ method: 'POST', ...request });
        await reply.body.dump({ limit: Infinity });
        if (reply.statusCode === 200) completed += 1;
        else failures.push(`HTTP ${reply.statusCode}`);
      } catch (error) {
        failures.push(String(error));
      }
    }
  };
  const progress = setInterval(() => {
    const last = rss.samples.at(-1);
    console.error(
      `${((performance.now() - started) / 1000).toFixed(0)} s: ${completed} requests, RSS ${last?.mb.toFixed(0)} MB`,
    );
  }, 30_000);
  try {
    await Promise.all(Array.from({ length: concurrency }, (_, index) => worker(index)));
  } finally {
    clearInterval(progress);
    rss.stop();
    await pool.close();
    await stack.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const steady = rss.samples.filter((sample) => sample.at >= warmupMs);
  const window = Math.max(5, Math.floor(steady.length / 10));
  const afterWarmup = median(steady.slice(0, window).map((sample) => sample.mb));
  const atEnd = median(steady.slice(-window).map((sample) => sample.mb));
  const summary = {
    date: new Date().toISOString(),
    machine: `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}`,
    seconds: Math.round(seconds),
    concurrency,
    requests: completed,
    failures: failures.length,
    requestsPerSecond: Math.round(completed / seconds),
    rssAfterWarmupMb: Math.round(afterWarmup),
    rssAtEndMb: Math.round(atEnd),
    rssPeakMb: Math.round(Math.max(...rss.samples.map((sample) => sample.mb))),
    slopeMbPerMinute: Number(slopePerMinute(steady).toFixed(2)),
  };
  console.log(JSON.stringify(summary, null, 2));
  if (failures.length > 0) console.log(`first failures: ${failures.slice(0, 5).join('; ')}`);
  mkdirSync(new URL('results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL('results/soak.json', import.meta.url),
    JSON.stringify({ summary, samples: rss.samples }, null, 2),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
