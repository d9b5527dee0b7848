import { RelayError } from '../../canonical/errors.js';
import { unreadableUpstream } from './parse-upstream-json.js';
import type {
  CanonicalResponse,
  PartStart,
  StreamEvent,
  TokenLogprob,
  Usage,
} from '../../canonical/types.js';

/*
 * The converters copy an upstream's values into canonical events as they find them; JSON can give
 * a number where an id belongs, or a string where a token count does. These checks stand between
 * the converters and everything downstream (the client's encoder, pricing, the history): a value
 * of the wrong type is the upstream's protocol error, never a crash of the relay or a NaN cost.
 * They are typeof checks, a few per event.
 */

const finishReasons = new Set(['stop', 'length', 'tool_calls', 'content_filter', 'error', 'other']);

/** The first field of an event that does not have its canonical type, or undefined. */
export function malformedField(event: StreamEvent): string | undefined {
  switch (event.type) {
    case 'message_start':
      return notString(event, 'id') ?? notString(event, 'model') ?? notCount(event, 'created');
    case 'part_start':
      return notIndex(event) ?? malformedPart(event.part);
    case 'text_delta':
      return notIndex(event) ?? notString(event, 'text') ?? malformedLogprobs(event.logprobs);
    case 'reasoning_delta':
      return notIndex(event) ?? notString(event, 'text');
    case 'signature_delta':
      return notIndex(event) ?? notString(event, 'signature');
    case 'tool_arguments_delta':
      return notIndex(event) ?? notString(event, 'arguments');
    case 'part_end':
      return notIndex(event);
    case 'usage':
      return malformedUsage(event.usage);
    case 'finish':
      if (!finishReasons.has(event.reason)) return 'finish reason';
      return event.raw === undefined ? undefined : notString(event, 'raw');
    default:
      return 'event type';
  }
}

/** Throws the upstream's protocol error when an event has a field of the wrong type. */
export function checkEvent(event: StreamEvent, provider: string): StreamEvent {
  const field = malformedField(event);
  if (field !== undefined) throw unreadableField(provider, field);
  return event;
}

/**
 * Converts an upstream's whole answer and checks it: what the converter cannot read, or reads
 * into a field of the wrong type, is the upstream's protocol error.
 */
export function readUpstreamAnswer(provider: string, convert: () => CanonicalResponse): CanonicalResponse {
  let response: CanonicalResponse;
  try {
    response = convert();
  } catch (error) {
    throw unreadableUpstream(error, provider);
  }
  return checkResponse(response, provider);
}

/** Throws the upstream's protocol error when a whole answer has a field of the wrong type. */
export function checkResponse(response: CanonicalResponse, provider: string): CanonicalResponse {
  const field =
    notString(response, 'id') ??
    notString(response, 'model') ??
    notCount(response, 'created') ??
    (finishReasons.has(response.finishReason) ? undefined : 'finish reason') ??
    (response.usage === undefined ? undefined : malformedUsage(response.usage)) ??
    malformedLogprobs(response.logprobs) ??
    response.content.map(malformedContent).find((found) => found !== undefined);
  if (field !== undefined) throw unreadableField(provider, field);
  return response;
}

function unreadableField(provider: string, field: string): RelayError {
  return new RelayError(
    'UPSTREAM_PROTOCOL_ERROR',
    `${provider}: upstream sent an answer whose ${field} has the wrong type`,
    { provider },
  );
}

type Fields = Record<string, unknown>;

function notString(value: object, key: string): string | undefined {
  return typeof (value as Fields)[key] === 'string' ? undefined : key;
}

function notCount(value: object, key: string): string | undefined {
  const count = (value as Fields)[key];
  return typeof count === 'number' && Number.isFinite(count) && count >= 0 ? undefined : key;
}

function notIndex(event: { index: number }): string | undefined {
  return Number.isInteger(event.index) && event.index >= 0 ? undefined : 'part index';
}

function malformedPart(part: PartStart): string | undefined {
  if (part === null || typeof part !== 'object') return 'part';
  if (part.type === 'tool_call') return notString(part, 'id') ?? notString(part, 'name');
  if (part.type === 'reasoning') return part.data === undefined ? undefined : notString(part, 'data');
  return part.type === 'text' ? undefined : 'part type';
}

function malformedContent(part: CanonicalResponse['content'][number]): string | undefined {
  if (part.type === 'tool_call')
    return notString(part, 'id') ?? notString(part, 'name') ?? notString(part, 'arguments');
  if (part.type === 'text') return notString(part, 'text');
  if (part.type !== 'reasoning') return 'part type';
  return (
    notString(part, 'text') ??
    (part.signature === undefined ? undefined : notString(part, 'signature')) ??
    (part.data === undefined ? undefined : notString(part, 'data'))
  );
}

const usageFields = ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'reasoningTokens'];

function malformedUsage(usage: Usage): string | undefined {
  if (usage === null || typeof usage !== 'object') return 'usage';
  const field = usageFields.find((key) => notCount(usage, key) !== undefined);
  return field === undefined ? undefined : `usage (${field})`;
}

function malformedLogprobs(logprobs: TokenLogprob[] | undefined): string | undefined {
  if (logprobs === undefined) return undefined;
  if (!Array.isArray(logprobs)) return 'logprobs';
  const fits = (entry: { token: unknown; logprob: unknown }) =>
    entry !== null &&
    typeof entry === 'object' &&
    typeof entry.token === 'string' &&
    typeof entry.logprob === 'number';
  for (const entry of logprobs) {
    if (!fits(entry) || !Array.isArray(entry.top_logprobs) || !entry.top_logprobs.every(fits))
      return 'logprobs';
  }
  return undefined;
}
