import type { AttemptRecord, RequestRecord } from './history-records.js';
import { historyRecord } from './history-record.fixture.js';

const dayMs = 86_400_000;

/** An upstream try of the fixture, answered unless `overrides` says otherwise. */
function attempt(
  provider: string,
  upstreamModel: string,
  startedAt: number,
  overrides: Partial<AttemptRecord> = {},
): AttemptRecord {
  return {
    attemptIndex: 0,
    provider,
    upstreamModel,
    startedAt,
    status: 'ok',
    costUsd: 0.001,
    unpriced: false,
    ...overrides,
  };
}

/**
 * Six days of history whose figures the measured-column tests work out by hand, ending at `now`:
 * - openai/gpt-4o-mini: 20 streamed answers with first tokens at 50, 100, … 1000 ms (stored
 *   shuffled), 100 tokens each over 1 s after the first; 2 cache hits that saved $0.001 each;
 *   2 requests that failed there and 3 tries that failed over to Anthropic; a hedge's loser.
 * - anthropic/claude-sonnet-4-5: those 3 failovers, streamed (first token 400 ms, 100 tokens
 *   over 0.5 s), and 2 answers not streamed (3000 ms, 500 tokens), $0.003 a request.
 * - deepseek/deepseek-chat: one unpriced answer, not streamed, 700 ms.
 * - one request 8 days old (openai/gpt-4o-mini, first token 5 ms), outside a 7-day window.
 */
export function measuredHistory(now: number): RequestRecord[] {
  const records: RequestRecord[] = [];
  const at = (index: number) => now - 6 * dayMs + index * 3_600_000;
  const openai = (id: string, time: number, overrides: Partial<RequestRecord>) =>
    historyRecord(id, time, { provider: 'openai', upstreamModel: 'gpt-4o-mini', ...overrides });
  for (let step = 0; step < 20; step++) {
    const ttftMs = 50 * (((step * 7) % 20) + 1);
    const tried = attempt('openai', 'gpt-4o-mini', at(step), {
      ttftMs,
      latencyMs: ttftMs + 1000,
      outputTokens: 100,
    });
    records.push(
      openai(`mini-${step}`, at(step), {
        stream: true,
        ttftMs,
        latencyMs: ttftMs + 1000,
        outputTokens: 100,
        attempts: [tried],
      }),
    );
  }
  for (const step of [0, 1])
    records.push(openai(`hit-${step}`, at(30 + step), { cache: 'hit-exact', costUsd: 0, savedUsd: 0.001 }));
  for (const step of [0, 1]) {
    const failed = attempt('openai', 'gpt-4o-mini', at(40 + step), { status: 'error', costUsd: null });
    records.push(
      openai(`failed-${step}`, at(40 + step), { status: 'error', costUsd: null, attempts: [failed] }),
    );
  }
  const anthropic = { provider: 'anthropic', upstreamModel: 'claude-sonnet-4-5', costUsd: 0.003 };
  for (const step of [0, 1, 2]) {
    const time = at(50 + step);
    records.push(
      historyRecord(`over-${step}`, time, {
        ...anthropic,
        stream: true,
        attempts: [
          attempt('openai', 'gpt-4o-mini', time, { status: 'error', httpStatus: 429, costUsd: null }),
          attempt('anthropic', 'claude-sonnet-4-5', time + 50, {
            attemptIndex: 1,
            ttftMs: 400,
            latencyMs: 900,
            outputTokens: 100,
            costUsd: 0.003,
          }),
        ],
      }),
    );
  }
  for (const step of [0, 1]) {
    const time = at(60 + step);
    records.push(
      historyRecord(`sonnet-${step}`, time, {
        ...anthropic,
        latencyMs: 3000,
        outputTokens: 500,
        attempts: [
          attempt('anthropic', 'claude-sonnet-4-5', time, {
            latencyMs: 3000,
            outputTokens: 500,
            costUsd: 0.003,
          }),
          // a hedge's loser is not a try of the model that failed
          attempt('openai', 'gpt-4o-mini', time, { attemptIndex: 1, status: 'cancelled', latencyMs: 200 }),
        ],
      }),
    );
  }
  const time = at(70);
  records.push(
    historyRecord('deepseek-0', time, {
      provider: 'deepseek',
      upstreamModel: 'deepseek-chat',
      costUsd: null,
      unpriced: true,
      latencyMs: 700,
      attempts: [
        attempt('deepseek', 'deepseek-chat', time, { latencyMs: 700, costUsd: null, unpriced: true }),
      ],
    }),
  );
  // refused before any provider was chosen: no model's figure
  records.push(
    historyRecord('refused', at(80), { provider: undefined, upstreamModel: undefined, status: 'error' }),
  );
  const old = now - 8 * dayMs;
  records.push(
    openai('old', old, {
      stream: true,
      ttftMs: 5,
      latencyMs: 1005,
      outputTokens: 100,
      attempts: [attempt('openai', 'gpt-4o-mini', old, { ttftMs: 5, latencyMs: 1005, outputTokens: 100 })],
    }),
  );
  return records;
}
