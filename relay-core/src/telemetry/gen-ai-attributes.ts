import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
} from '@opentelemetry/semantic-conventions';
import type { UsageCount } from '../canonical/types.js';
import type { ResolvedProvider } from '../providers/types.js';
import type { RequestRecord } from '../store/history-records.js';
import type { TokenCounts } from '../store/usage-columns.js';
import { failoverReasonOf } from './failover-reason.js';

// The gen_ai.* names follow the OpenTelemetry GenAI semantic conventions (client inference spans),
// which now live in open-telemetry/semantic-conventions-genai: the JS package marks its copies of
// them deprecated, so they are written out here; the stable names come from the package.

/**
 * `gen_ai.provider.name` by preset, for the providers the conventions name; any other preset goes
 * by its own id, as the conventions allow. The demo's emulator speaks OpenAI's API.
 */
const providerNames: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'gcp.gemini',
  deepseek: 'deepseek',
  mistral: 'mistral_ai',
  groq: 'groq',
  xai: 'x_ai',
  azure: 'azure.ai.openai',
  bedrock: 'aws.bedrock',
  demo: 'openai',
};

const usageAttributes: Partial<Record<UsageCount, string>> = {
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  cacheReadTokens: 'gen_ai.usage.cache_read.input_tokens',
  cacheWriteTokens: 'gen_ai.usage.cache_write.input_tokens',
  reasoningTokens: 'gen_ai.usage.reasoning.output_tokens',
  inputAudioTokens: 'gen_ai.usage.audio.input_tokens',
  inputImageTokens: 'gen_ai.usage.image.input_tokens',
  outputAudioTokens: 'gen_ai.usage.audio.output_tokens',
  outputImageTokens: 'gen_ai.usage.image.output_tokens',
};

/** The operation each inbound dialect performs (`gen_ai.operation.name`). */
export function operationOf(dialect: string): string {
  if (dialect === 'embeddings') return 'embeddings';
  return dialect === 'gemini-api' ? 'generate_content' : 'chat';
}

function addUsage(attributes: Attributes, counts: TokenCounts): void {
  for (const [count, name] of Object.entries(usageAttributes) as Array<[UsageCount, string]>) {
    const value = counts[count];
    if (value !== undefined) attributes[name] = value;
  }
}

function addProvider(attributes: Attributes, id: string, providers: readonly ResolvedProvider[]): void {
  const provider = providers.find((candidate) => candidate.id === id);
  const preset = provider?.preset.id ?? id;
  attributes['gen_ai.provider.name'] = providerNames[preset] ?? preset;
  attributes['switchboard.provider'] = id;
  if (!provider) return;
  try {
    const url = new URL(provider.baseUrl);
    attributes[ATTR_SERVER_ADDRESS] = url.hostname.replace(/^\[(.*)\]$/, '$1');
    attributes[ATTR_SERVER_PORT] = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  } catch {
    // a base URL that does not parse never reached an upstream either
  }
}

/**
 * The request span's attributes: what the client asked for and what it got. Never the prompt, the
 * answer, an error's words or a key: only names, counts, times and outcomes.
 */
export function requestAttributes(record: RequestRecord, providers: readonly ResolvedProvider[]): Attributes {
  const attributes: Attributes = {
    'gen_ai.operation.name': operationOf(record.dialect),
    'gen_ai.request.model': record.requestedModel,
    'gen_ai.request.stream': record.stream,
    'switchboard.request_id': record.id,
    'switchboard.dialect': record.dialect,
    'switchboard.cache': record.cache,
    'switchboard.attempts': record.attemptCount,
  };
  if (record.provider) addProvider(attributes, record.provider, providers);
  if (record.upstreamModel) attributes['gen_ai.response.model'] = record.upstreamModel;
  if (record.finishReason) attributes['gen_ai.response.finish_reasons'] = [record.finishReason];
  addUsage(attributes, record);
  if (record.usageEstimated) attributes['switchboard.usage_estimated'] = true;
  if (record.stream && record.ttftMs !== undefined)
    attributes['gen_ai.response.time_to_first_chunk'] = record.ttftMs / 1000;
  if (record.httpStatus) attributes[ATTR_HTTP_RESPONSE_STATUS_CODE] = record.httpStatus;
  if (record.status !== 'ok') attributes[ATTR_ERROR_TYPE] = record.errorCode ?? record.status;
  if (record.route) attributes['switchboard.route'] = record.route;
  if (record.client) attributes['switchboard.client'] = record.client;
  if (record.costUsd !== null) attributes['switchboard.cost_usd'] = record.costUsd;
  if (record.overheadMs !== undefined) attributes['switchboard.overhead_ms'] = record.overheadMs;
  return attributes;
}

/** One attempt span's attributes: the upstream it tried, the model, the outcome, tokens and cost. */
export function attemptAttributes(
  record: RequestRecord,
  index: number,
  providers: readonly ResolvedProvider[],
): Attributes {
  const attempt = record.attempts[index]!;
  const attributes: Attributes = {
    'gen_ai.operation.name': operationOf(record.dialect),
    'gen_ai.request.model': attempt.upstreamModel,
    'gen_ai.request.stream': record.stream,
    'switchboard.attempt.index': index,
    'switchboard.attempt.outcome': attempt.status,
  };
  addProvider(attributes, attempt.provider, providers);
  // the record keeps the model an upstream named in its answer for the attempt that answered
  if (attempt.status === 'ok' && attempt.provider === record.provider) {
    if (record.upstreamModel) attributes['gen_ai.response.model'] = record.upstreamModel;
    if (record.finishReason) attributes['gen_ai.response.finish_reasons'] = [record.finishReason];
  }
  addUsage(attributes, attempt);
  if (record.stream && attempt.ttftMs !== undefined)
    attributes['gen_ai.response.time_to_first_chunk'] = attempt.ttftMs / 1000;
  if (attempt.httpStatus) attributes[ATTR_HTTP_RESPONSE_STATUS_CODE] = attempt.httpStatus;
  if (attempt.status !== 'ok') attributes[ATTR_ERROR_TYPE] = attempt.errorCode ?? attempt.status;
  if (attempt.costUsd !== null) attributes['switchboard.cost_usd'] = attempt.costUsd;
  const reason = failoverReasonOf(attempt, record.attempts[index + 1]);
  if (reason) attributes['switchboard.failover_reason'] = reason;
  return attributes;
}
