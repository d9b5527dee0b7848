import type { RequestRecord } from './history-writer.js';

/** A plain successful request for the history tests; `overrides` set what a test is about. */
export function historyRecord(
  id: string,
  createdAt: number,
  overrides: Partial<RequestRecord> = {},
): RequestRecord {
  return {
    id,
    createdAt,
    client: 'laptop',
    dialect: 'openai-chat',
    requestedModel: 'auto',
    route: 'auto',
    provider: 'openai',
    upstreamModel: 'gpt-4o-mini',
    status: 'ok',
    stream: false,
    latencyMs: 100,
    usageEstimated: false,
    costUsd: 0.001,
    unpriced: false,
    cache: 'miss',
    attemptCount: 1,
    attempts: [],
    ...overrides,
  };
}
