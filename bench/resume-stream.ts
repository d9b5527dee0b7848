/**
 * What `fallback.resume_streams` costs a stream that does not break, in one process: the relay's
 * streaming of one attempt (pipeline/stream-answer.ts: events to the client's dialect, writes per
 * upstream read) over a recorded-size answer, without resume, and with resume ready (what the
 * client is sent followed event by event, the client's request kept for a continuation). The two
 * alternate in short blocks and each block's CPU time is read from the process (not the wall
 * clock, which a busy machine's other processes stretch); the table gives the medians.
 *
 *   npx tsx bench/resume-stream.ts [-- --blocks 40 --streams 200 --events 300]
 */
import type { ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import type { StreamEvent } from '../relay-core/src/canonical/types.js';
import { openAIChatCodec } from '../relay-core/src/dialects/openai-chat/openai-chat-codec.js';
import { newRequestLog } from '../relay-core/src/pipeline/relay-runtime.js';
import type { AttemptLog, RelayRuntime } from '../relay-core/src/pipeline/relay-runtime.js';
import { StreamResume } from '../relay-core/src/pipeline/resume-stream.js';
import { streamAnswer } from '../relay-core/src/pipeline/stream-answer.js';
import type { Target } from '../relay-core/src/routing/resolve-targets.js';
import { markdownTable, median } from './shared/stats.js';

const { values } = parseArgs({
  options: {
    blocks: { type: 'string', default: '40' },
    streams: { type: 'string', default: '200' },
    events: { type: 'string', default: '300' },
  },
});
const blocks = Number(values.blocks);
const streams = Number(values.streams);
const deltas = Number(values.events);
/** Events an upstream read carries (about a recorded OpenAI stream's, 1.5 kB reads). */
const perRead = 10;

const runtime = {
  now: () => performance.now(),
  price: () => ({ costUsd: 0.0001, unpriced: false }),
  redact: (text: string) => text,
} as unknown as RelayRuntime;
const target = { provider: { id: 'openai' }, model: 'gpt-4.1-nano' } as unknown as Target;
const body = {
  model: 'gpt-4.1-nano',
  messages: [{ role: 'user', content: 'Write about a holiday.' }],
  stream: true,
  stream_options: { include_usage: true },
};
const usage = {
  inputTokens: 16,
  outputTokens: deltas,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
};
const words = ['Harmony', ' Day', ' is', ' a', ' time', ' to', ' share', ' food', ',', ' stories'];
const answer: StreamEvent[] = [
  { type: 'part_start', index: 0, part: { type: 'text' } },
  ...Array.from({ length: deltas }, (_, i): StreamEvent => ({
    type: 'text_delta',
    index: 0,
    text: words[i % 10]!,
  })),
  { type: 'part_end', index: 0 },
  { type: 'usage', usage },
  { type: 'finish', reason: 'stop', raw: 'stop' },
];

/** A client connection that takes every write at once. */
function fakeResponse(): ServerResponse {
  return {
    destroyed: false,
    writeHead: () => undefined,
    cork: () => undefined,
    uncork: () => undefined,
    write: () => true,
    end: () => undefined,
    on: () => undefined,
    off: () => undefined,
  } as unknown as ServerResponse;
}

/** One attempt's stream as launchAttempt hands it over: events `perRead` to an upstream read. */
function attemptStream() {
  let at = 1;
  const pull = (): IteratorResult<StreamEvent> | undefined =>
    at % perRead === 0 || at >= answer.length ? undefined : { done: false, value: answer[at++]! };
  const next = () =>
    Promise.resolve<IteratorResult<StreamEvent>>(
      at < answer.length ? { done: false, value: answer[at++]! } : { done: true, value: undefined },
    );
  const opening: StreamEvent[] = [
    { type: 'message_start', id: 'chatcmpl-1', model: 'gpt-4.1-nano', created: 1 },
  ];
  return {
    kind: 'stream' as const,
    pull,
    next,
    pendingBytes: () => 0,
    opening,
    first: { done: false, value: answer[0]! },
  };
}

async function oneStream(resume: boolean): Promise<void> {
  const request = openAIChatCodec.parse(body);
  const attempts: AttemptLog[] = [];
  const log = newRequestLog({ id: 'r', createdAt: 0 }, 'openai-chat', body, attempts);
  const attempt: AttemptLog = {
    provider: 'openai',
    model: 'gpt-4.1-nano',
    startedAt: 0,
    status: 'error',
    latencyMs: 0,
    costUsd: null,
    unpriced: false,
  };
  await streamAnswer(runtime, openAIChatCodec, request, fakeResponse(), attemptStream(), {
    target,
    attempt,
    log,
    headers: { requestId: 'r' },
    relayMsSoFar: () => 0,
    sentAt: 0,
    receivedAt: 0,
    upstreamWaitMs: () => 0,
    arrivedIdle: false,
    resume: resume ? new StreamResume(request, ['server_error', 'timeout']) : undefined,
  });
}

/** CPU µs per stream over one block. */
async function block(resume: boolean): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < streams; i++) await oneStream(resume);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / streams;
}

async function main() {
  // warm up both paths (JIT)
  for (let i = 0; i < 5; i++) {
    await block(false);
    await block(true);
  }
  const off: number[] = [];
  const on: number[] = [];
  const differences: number[] = [];
  for (let i = 0; i < blocks; i++) {
    const a = await block(i % 2 === 0 ? false : true);
    const b = await block(i % 2 === 0 ? true : false);
    const [withoutResume, withResume] = i % 2 === 0 ? [a, b] : [b, a];
    off.push(withoutResume);
    on.push(withResume);
    differences.push(withResume - withoutResume);
  }
  const row = (name: string, samples: number[]) => ({
    case: name,
    'CPU µs per stream (median)': median(samples).toFixed(1),
    'ns per event': ((median(samples) * 1000) / answer.length).toFixed(0),
  });
  console.log(
    `${blocks} alternating blocks of ${streams} streams, ${answer.length} events each (${deltas} text deltas), ${perRead} events per upstream read\n`,
  );
  console.log(
    markdownTable([
      row('resume off', off),
      row('resume on, no break', on),
      {
        case: 'difference (median of the blocks’ differences)',
        'CPU µs per stream (median)': median(differences).toFixed(1),
        'ns per event': ((median(differences) * 1000) / answer.length).toFixed(0),
      },
    ]),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
