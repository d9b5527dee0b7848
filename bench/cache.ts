/**
 * Cache benchmark: relay time (`x-relay-overhead-ms`) and client latency of exact-cache hits
 * against misses, in one run, in all three dialects, streamed and not. Emulator and relay run in
 * their own processes; this process sends one request at a time. Prints a Markdown table and
 * writes bench/results/cache.json. Hits ask the same deterministic question again; misses ask a
 * new one each time (the relay looks it up, goes upstream and stores the answer).
 *
 *   npm run bench:cache                    # 500 requests per case
 *   npm run bench:cache -- --requests 2000
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { benchClientKey, startBenchStack } from './shared/start-bench-stack.js';
import { markdownTable, percentile } from './shared/stats.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '500' } } });
const total = Number(values.requests);
const clientKey = benchClientKey;

/** One request body per dialect: the same deterministic question, temperature 0. */
const dialects = {
  'openai-chat': {
    path: '/v1/chat/completions',
    body: (question: string, stream: boolean) => ({
      model: 'openai/gpt-4.1-nano',
      temperature: 0,
      messages: [{ role: 'user', content: question }],
      stream,
    }),
  },
  'anthropic-messages': {
    path: '/v1/messages',
    body: (question: string, stream: boolean) => ({
      model: 'openai/gpt-4.1-nano',
      temperature: 0,
      max_tokens: 1024,
      messages: [{ role: 'user', content: question }],
      stream,
    }),
  },
  'openai-responses': {
    path: '/v1/responses',
    body: (question: string, stream: boolean) => ({
      model: 'openai/gpt-4.1-nano',
      temperature: 0,
      input: question,
      store: false,
      stream,
    }),
  },
} as const;

interface Sample {
  overheadMs: number;
  totalMs: number;
  cache: string;
}

async function send(pool: Pool, path: string, body: unknown): Promise<Sample> {
  const t0 = performance.now();
  const reply = await pool.request({
    path,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${clientKey}` },
    body: JSON.stringify(body),
  });
  if (reply.statusCode !== 200) throw new Error(`HTTP ${reply.statusCode}: ${await reply.body.text()}`);
  for await (const _chunk of reply.body);
  return {
    totalMs: performance.now() - t0,
    overheadMs: Number(reply.headers['x-relay-overhead-ms']),
    cache: String(reply.headers['x-relay-cache']),
  };
}

async function main() {
  // the relay as `npm run relay` runs it (tsx), the emulator as its `openai` upstream
  const stack = await startBenchStack({ relayBuild: 'tsx' });
  const pool = new Pool(stack.relay, { connections: 1 });
  const rows: Array<Record<string, string>> = [];
  let unique = 0;
  try {
    for (const [dialect, { path, body }] of Object.entries(dialects)) {
      for (const stream of [false, true]) {
        const hitQuestion = `Invent a holiday (${dialect}, ${stream ? 'streamed' : 'whole'}).`;
        // warm-up: JIT, the connection, and the one answer the hits will replay
        for (let i = 0; i < 50; i++) await send(pool, path, body(`warm-up ${++unique}`, stream));
        await send(pool, path, body(hitQuestion, stream));
        const misses: Sample[] = [];
        const hits: Sample[] = [];
        // interleaved, so both see the same machine state
        for (let i = 0; i < total; i++) {
          misses.push(await send(pool, path, body(`Invent a holiday, take ${++unique}.`, stream)));
          hits.push(await send(pool, path, body(hitQuestion, stream)));
        }
        if (misses.some((s) => s.cache !== 'miss') || hits.some((s) => s.cache !== 'hit-exact'))
          throw new Error(`${dialect}: a miss hit or a hit missed`);
        const fmt = (samples: Sample[], key: keyof Omit<Sample, 'cache'>, p: number) =>
          percentile(
            samples.map((s) => s[key]),
            p,
          ).toFixed(3);
        rows.push({
          dialect,
          mode: stream ? 'streamed' : 'whole',
          'hit relay ms p50 / p99': `${fmt(hits, 'overheadMs', 50)} / ${fmt(hits, 'overheadMs', 99)}`,
          'miss relay ms p50 / p99': `${fmt(misses, 'overheadMs', 50)} / ${fmt(misses, 'overheadMs', 99)}`,
          'hit client ms p50': fmt(hits, 'totalMs', 50),
          'miss client ms p50': fmt(misses, 'totalMs', 50),
        });
      }
    }
  } finally {
    await pool.close();
    await stack.close();
  }
  const table = markdownTable(rows);
  const meta = `${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, concurrency 1, ${total} hits and ${total} misses per case`;
  console.log(`${meta}\n\n${table}`);
  mkdirSync(new URL('results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('results/cache.json', import.meta.url), JSON.stringify({ meta, rows }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
