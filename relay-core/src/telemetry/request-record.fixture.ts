import { providerPresets } from '../config/presets.js';
import type { ResolvedProvider } from '../providers/types.js';
import type { AttemptRecord, RequestRecord } from '../store/history-records.js';

function provider(id: string, presetId: string, baseUrl?: string): ResolvedProvider {
  const preset = providerPresets[presetId]!;
  const url = baseUrl ?? preset.baseUrl;
  return { id, preset, baseUrl: url, region: preset.region, models: [], headers: {}, timeoutMs: 60_000 };
}

/** Providers as config.yaml would resolve them, for span and metric tests. */
export const fixtureProviders: ResolvedProvider[] = [
  provider('openai', 'openai'),
  provider('claude', 'anthropic', 'http://[::1]:8080/anthropic'),
  provider('gemini', 'gemini'),
  provider('together', 'together'),
];

const start = 1_800_000_000_000;

/** One upstream try that went well, as history records it. */
export function okAttempt(fields: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    attemptIndex: 0,
    provider: 'openai',
    upstreamModel: 'gpt-4.1-nano',
    startedAt: start,
    status: 'ok',
    httpStatus: 200,
    latencyMs: 400,
    inputTokens: 12,
    outputTokens: 30,
    costUsd: 0.002,
    unpriced: false,
    ...fields,
  };
}

/** A request as history records it, answered by its last attempt unless told otherwise. */
export function requestRecord(attempts: AttemptRecord[], fields: Partial<RequestRecord> = {}): RequestRecord {
  const answered = attempts.at(-1);
  return {
    id: 'req_fixture',
    createdAt: start,
    client: 'alice',
    dialect: 'openai-chat',
    requestedModel: 'gpt-4.1-nano',
    provider: answered?.provider,
    upstreamModel: answered?.upstreamModel,
    status: 'ok',
    httpStatus: 200,
    stream: false,
    latencyMs: Math.max(
      5,
      ...attempts.map((attempt) => attempt.startedAt + (attempt.latencyMs ?? 0) - start),
    ),
    overheadMs: 3,
    inputTokens: answered?.inputTokens,
    outputTokens: answered?.outputTokens,
    usageEstimated: false,
    costUsd: attempts.reduce((sum, attempt) => sum + (attempt.costUsd ?? 0), 0),
    unpriced: false,
    cache: 'miss',
    attemptCount: attempts.length,
    attempts,
    ...fields,
  };
}
