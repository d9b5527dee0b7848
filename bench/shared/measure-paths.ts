import { readCpuMs } from './read-cpu-ms.js';
import type { LoadRequest } from './run-load.js';
import { runLoad } from './run-load.js';
import { percentile } from './stats.js';

/** The command-line options of a benchmark that measures paths in rounds (parseArgs). */
export const roundOptions = {
  /** Closed-loop clients, one figure each: `32,1`. */
  concurrency: { type: 'string', default: '32,1' },
  rounds: { type: 'string', default: '5' },
  /** Seconds each path is measured for in a round. */
  seconds: { type: 'string', default: '3' },
} as const;

/** One way to the upstream that a benchmark measures: an origin and the request it is sent. */
export interface BenchPath {
  name: string;
  origin: string;
  request: LoadRequest;
  /** The hop's processes, whose CPU time per request is reported (none: the upstream itself). */
  pids?: number[];
}

/** What one measurement of one path found. */
export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  cpuMs: number;
  /** The event loop's thread alone: what a request holds the loop that serves the others for. */
  loopCpuMs: number;
}

/** A chat completion to the fast upstream (shared/fast-upstream.ts) or a hop in front of it. */
export function chatRequest(headers: Record<string, string>, stream = false): LoadRequest {
  return {
    path: '/v1/chat/completions',
    body: JSON.stringify({
      model: 'gpt-4.1-nano',
      messages: [{ role: 'user', content: 'Invent a holiday.' }],
      stream,
    }),
    headers: { 'content-type': 'application/json', ...headers },
    stream,
  };
}

const cpuOf = (pids: number[], mainThread = false) =>
  pids.reduce((sum, pid) => sum + readCpuMs(pid, mainThread), 0);

async function measure(path: BenchPath, concurrency: number, seconds: number): Promise<Figures> {
  const pids = path.pids ?? [];
  const cpuBefore = cpuOf(pids);
  const loopBefore = cpuOf(pids, true);
  const { samples, seconds: took } = await runLoad(path.origin, path.request, {
    concurrency,
    total: 0,
    seconds,
  });
  const totals = samples.map((sample) => sample.totalMs);
  return {
    rps: samples.length / took,
    p50: percentile(totals, 50),
    p99: percentile(totals, 99),
    cpuMs: pids.length === 0 ? 0 : (cpuOf(pids) - cpuBefore) / samples.length,
    loopCpuMs: pids.length === 0 ? 0 : (cpuOf(pids, true) - loopBefore) / samples.length,
  };
}

/**
 * Warms every path (a path that fails then is left out, said so), then measures each for the
 * same time at each concurrency, round after round, in an order that rotates so no path is always
 * measured right after the same neighbour. Returns, per concurrency, each round's figures in the
 * paths' order; `paths` is left holding the paths measured.
 */
export async function measureRounds(
  paths: BenchPath[],
  { concurrencies, rounds, seconds }: { concurrencies: number[]; rounds: number; seconds: number },
): Promise<Map<number, Figures[][]>> {
  for (const path of [...paths]) {
    try {
      await runLoad(path.origin, path.request, { concurrency: 8, total: 0, seconds: 1 });
    } catch (error) {
      console.error(`${path.name} left out: ${String(error)}`);
      paths.splice(paths.indexOf(path), 1);
    }
  }
  const byConcurrency = new Map<number, Figures[][]>();
  for (const concurrency of concurrencies) byConcurrency.set(concurrency, []);
  for (let round = 0; round < rounds; round++) {
    for (const concurrency of concurrencies) {
      const figures: Figures[] = [];
      for (let step = 0; step < paths.length; step++) {
        const index = (step + round) % paths.length;
        figures[index] = await measure(paths[index]!, concurrency, seconds);
      }
      byConcurrency.get(concurrency)!.push(figures);
    }
  }
  return byConcurrency;
}
