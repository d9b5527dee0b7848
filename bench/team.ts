/**
 * Team mode's cost and what a second relay buys, in one run, in front of the fast upstream
 * (shared/fast-upstream.ts): one relay with the defaults (SQLite history, state in memory); one
 * relay on a private PostgreSQL and Redis (test/helpers/team-stores.ts), straight and behind one
 * address (shared/round-robin-balancer.ts); and two relays on the same stores behind that address.
 * Figures are medians over rounds, ratios taken within a round. Then, unless `--no-restart`, one of
 * the two relays is restarted under load behind the balancer: the failed requests are counted,
 * and the history rows in PostgreSQL are checked against the answers. Writes bench/results/team.json.
 *
 *   npm run bench:team                              # concurrency 32 and 1, 5 rounds of 3 s
 *   npm run bench:team -- --rounds 3 --seconds 2
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Pool } from 'undici';
import { freePort } from '../test/helpers/free-port.js';
import type { StoreServer } from '../test/helpers/team-stores.js';
import { startPostgres, startRedis } from '../test/helpers/team-stores.js';
import type { BenchPath } from './shared/measure-paths.js';
import { chatRequest, measureRounds, roundOptions } from './shared/measure-paths.js';
import type { RelayProcess } from './shared/start-bench-stack.js';
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
    'no-restart': { type: 'boolean', default: false },
  },
});
const concurrencies = values.concurrency.split(',').map(Number);
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const resultsDir = new URL('results/', import.meta.url);
const request = chatRequest({ authorization: `Bearer ${benchClientKey}` });

// Every relay listens on the same port, as on separate servers: one on 127.0.0.1, one on ::1; a
// balancer's own address (127.0.0.2, 127.0.0.3) is the Host its clients send, which the relays'
// allowed_hosts name.
async function startBalancer(host: string, port: number, relays: RelayProcess[]) {
  const backends = relays.map((relay) => new URL(relay.origin).host).join(',');
  const balancer = await startProcess(
    ['bench/shared/round-robin-balancer.ts', '--host', host, '--port', String(port), '--backends', backends],
    {},
    /listening on/,
  );
  return { origin: `http://${host}:${port}`, process: balancer };
}

/** A closed loop of 32 clients through `origin` while `during` runs; counts answers and failures. */
async function loadDuring(origin: string, during: () => Promise<void>) {
  const pool = new Pool(origin, { connections: 32, pipelining: 1 });
  let answered = 0;
  const failures = new Map<string, number>();
  let running = true;
  const worker = async () => {
    while (running) {
      try {
        const reply = await pool.request({ method: 'POST', ...request });
        await reply.body.text();
        if (reply.statusCode === 200) answered += 1;
        else failures.set(`HTTP ${reply.statusCode}`, (failures.get(`HTTP ${reply.statusCode}`) ?? 0) + 1);
      } catch (error) {
        const code = (error as { code?: string }).code ?? String(error);
        failures.set(code, (failures.get(code) ?? 0) + 1);
      }
    }
  };
  const workers = Array.from({ length: 32 }, worker);
  await during();
  running = false;
  await Promise.all(workers);
  await pool.close();
  return { answered, failures: [...failures].map(([code, count]) => `${count} ${code}`) };
}

async function historyRows(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ count: string }>('SELECT count(*) FROM requests');
    return Number(result.rows[0]!.count);
  } finally {
    await client.end();
  }
}

async function main() {
  const loadBefore = loadavg()[0]!;
  bundleRelay();
  const stopped: Array<() => Promise<void>> = [];
  try {
    const upstreamPort = await freePort();
    const upstreamProcess = await startProcess(
      ['bench/shared/fast-upstream.ts', '--port', String(upstreamPort)],
      {},
      /listening on/,
    );
    stopped.push(() => stopProcess(upstreamProcess));
    const upstream = `http://127.0.0.1:${upstreamPort}/v1`;
    // without the servers' binaries the rest of `npm run bench` still runs
    const started = await Promise.allSettled([startPostgres(), startRedis()]);
    for (const store of started) if (store.status === 'fulfilled') stopped.push(() => store.value.stop());
    const failed = started.find((store) => store.status === 'rejected');
    if (failed) {
      console.error(`bench:team skipped: ${String(failed.reason)}`);
      return;
    }
    const [postgres, redis] = started.map(
      (store) => (store as PromiseFulfilledResult<StoreServer>).value,
    ) as [StoreServer, StoreServer];
    const storage = { history: postgres.url, state: redis.url };

    const alone = await startRelayProcess(upstream);
    stopped.push(() => alone.stop());
    const port = await freePort();
    const allowedHosts = ['127.0.0.2', '127.0.0.3'];
    const first = await startRelayProcess(upstream, {
      storage,
      allowedHosts,
      listen: { host: '127.0.0.1', port },
    });
    stopped.push(() => first.stop());
    const second = await startRelayProcess(upstream, {
      storage,
      allowedHosts,
      listen: { host: '::1', port },
    });
    stopped.push(() => second.stop());
    const toOne = await startBalancer('127.0.0.3', port, [first]);
    stopped.push(() => stopProcess(toOne.process));
    const toTwo = await startBalancer('127.0.0.2', port, [first, second]);
    stopped.push(() => stopProcess(toTwo.process));

    const pidsOf = (...relays: RelayProcess[]) => relays.map((relay) => relay.process.pid!);
    const paths: BenchPath[] = [
      { name: 'one relay, SQLite + memory (defaults)', origin: alone.origin, request, pids: pidsOf(alone) },
      { name: 'one relay, PostgreSQL + Redis', origin: first.origin, request, pids: pidsOf(first) },
      {
        name: 'one relay, PostgreSQL + Redis, behind the balancer',
        origin: toOne.origin,
        request,
        pids: pidsOf(first),
      },
      {
        name: 'two relays, PostgreSQL + Redis, behind the balancer',
        origin: toTwo.origin,
        request,
        pids: pidsOf(first, second),
      },
    ];
    const byConcurrency = await measureRounds(paths, { concurrencies, rounds, seconds });
    const defaultsAt = paths.findIndex((path) => path.name.startsWith('one relay, SQLite'));
    const oneBehindAt = paths.findIndex((path) =>
      path.name.startsWith('one relay, PostgreSQL + Redis, behind'),
    );
    const lines = [
      `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} cores, Node ${process.version}, ` +
        `load average ${loadBefore.toFixed(1)} before the run; whole answers; median of ${rounds} rounds of ${seconds} s per path`,
      '',
    ];
    const json: Record<string, unknown> = {};
    for (const [concurrency, measured] of byConcurrency) {
      const ofRound = (index: number, key: 'rps' | 'p50' | 'p99' | 'cpuMs') =>
        median(measured.map((round) => round[index]![key]));
      const ratio = (index: number, to: number) =>
        to === -1 ? NaN : median(measured.map((round) => round[index]!.rps / round[to]!.rps));
      const rows = paths.map((path, index) => ({
        path: path.name,
        'req/s': ofRound(index, 'rps').toFixed(0),
        'ratio to defaults': ratio(index, defaultsAt).toFixed(2),
        'ratio to one behind the balancer': ratio(index, oneBehindAt).toFixed(2),
        'p50 ms': ofRound(index, 'p50').toFixed(2),
        'p99 ms': ofRound(index, 'p99').toFixed(2),
        'relay CPU ms/request': ofRound(index, 'cpuMs').toFixed(3),
      }));
      lines.push(`Concurrency ${concurrency}:`, '', markdownTable(rows), '');
      json[`c${concurrency}`] = rows;
    }

    if (!values['no-restart']) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const rowsBefore = await historyRows(postgres.url);
      const restartSeconds = Math.max(6, seconds * 3);
      const restart = await loadDuring(toTwo.origin, async () => {
        await new Promise((resolve) => setTimeout(resolve, (restartSeconds * 1000) / 3));
        await second.restart();
        await new Promise((resolve) => setTimeout(resolve, (restartSeconds * 1000) / 3));
      });
      // the batched writers commit within moments of an answer; give them a second
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const written = (await historyRows(postgres.url)) - rowsBefore;
      const line =
        `Restart of one of the two relays (SIGTERM, start again) under -c32 behind the balancer: ` +
        `${restart.answered} answered, ${restart.failures.length === 0 ? 'no failures' : `failures: ${restart.failures.join(', ')}`}; ` +
        `${written} history rows written in PostgreSQL for them.`;
      lines.push(line);
      json.restart = { ...restart, historyRows: written };
    }
    lines.push('', `load average ${loadavg()[0]!.toFixed(1)} after the run`);
    console.log(lines.join('\n'));
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(new URL('team.json', resultsDir), JSON.stringify({ meta: lines[0], ...json }, null, 2));
  } finally {
    for (const stop of stopped.reverse()) await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
