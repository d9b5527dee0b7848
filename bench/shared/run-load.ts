import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';

/** One HTTP request a load phase repeats. */
export interface LoadRequest {
  path: string;
  body: string;
  headers: Record<string, string>;
  stream: boolean;
}

export interface Sample {
  totalMs: number;
  /** Streams: the first chunk carrying answer text (not the role-only opening); else totalMs. */
  ttftMs: number;
  /** The relay's own time, from `x-relay-overhead-ms` (absent on direct requests). */
  overheadMs?: number;
  /** SSE events received (streams). */
  events: number;
}

export interface LoadResult {
  samples: Sample[];
  seconds: number;
}

// the first text in either dialect: an OpenAI delta with non-empty content, an Anthropic text_delta
const firstToken = /"content":"[^"]|"text_delta"/;

/** Counts `\n\n` event separators across chunk boundaries. */
function createEventCounter() {
  let previous = 0;
  let events = 0;
  return {
    add(chunk: Buffer) {
      if (chunk.length === 0) return;
      if (previous === 10 && chunk[0] === 10) events += 1;
      let at = chunk.indexOf('\n\n');
      while (at !== -1) {
        events += 1;
        at = chunk.indexOf('\n\n', at + 2);
      }
      previous = chunk[chunk.length - 1]!;
    },
    get events() {
      return events;
    },
  };
}

async function sendOne(pool: Pool, request: LoadRequest): Promise<Sample> {
  const t0 = performance.now();
  const reply = await pool.request({
    path: request.path,
    method: 'POST',
    headers: request.headers,
    body: request.body,
  });
  if (reply.statusCode !== 200) throw new Error(`HTTP ${reply.statusCode}: ${await reply.body.text()}`);
  let ttft = 0;
  const counter = createEventCounter();
  for await (const chunk of reply.body) {
    if (ttft === 0 && request.stream && firstToken.test(String(chunk))) ttft = performance.now() - t0;
    if (request.stream) counter.add(chunk as Buffer);
  }
  const totalMs = performance.now() - t0;
  const overhead = reply.headers['x-relay-overhead-ms'];
  return {
    totalMs,
    ttftMs: request.stream ? ttft : totalMs,
    overheadMs: typeof overhead === 'string' ? Number(overhead) : undefined,
    events: counter.events,
  };
}

/**
 * Closed loop: `concurrency` clients, each sending its next request when the last one ended, until
 * `total` requests were sent, or for `seconds` when given (then `total` is ignored): a slow and a
 * fast path are then measured over the same time.
 */
export async function runLoad(
  origin: string,
  request: LoadRequest,
  { concurrency, total, seconds }: { concurrency: number; total: number; seconds?: number },
): Promise<LoadResult> {
  const pool = new Pool(origin, { connections: concurrency, pipelining: 1 });
  const samples: Sample[] = [];
  let next = 0;
  const started = performance.now();
  const deadline = seconds === undefined ? Infinity : started + seconds * 1000;
  const more = seconds === undefined ? () => next < total : () => performance.now() < deadline;
  const worker = async () => {
    while (more()) {
      next += 1;
      samples.push(await sendOne(pool, request));
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { samples, seconds: (performance.now() - started) / 1000 };
  } finally {
    await pool.close();
  }
}

/** Open loop: requests start at a fixed rate whatever the answers' latency (a moderate, steady load). */
export async function runAtRate(
  origin: string,
  request: LoadRequest,
  { rate, total }: { rate: number; total: number },
): Promise<LoadResult> {
  const pool = new Pool(origin, { connections: 64, pipelining: 1 });
  const samples: Sample[] = [];
  const pending: Array<Promise<void>> = [];
  const started = performance.now();
  try {
    for (let index = 0; index < total; index++) {
      const due = started + (index * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      pending.push(sendOne(pool, request).then((sample) => void samples.push(sample)));
    }
    await Promise.all(pending);
    return { samples, seconds: (performance.now() - started) / 1000 };
  } finally {
    await pool.close();
  }
}
