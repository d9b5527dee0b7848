import { RelayError } from '../../canonical/errors.js';
import { unreadableUpstream } from './parse-upstream-json.js';
import { usageCounts } from '../../canonical/types.js';
import type {
  CanonicalResponse,
  PartStart,
  StreamEvent,
  TokenLogprob,
  Usage,
} from '../../canonical/types.js';

/*
 * The converters copy an upstream's values into canonical events as they find them, and JSON can
 * give a number where an id belongs or a string where a token count does. These checks stand
 * between the converters and everything downstream (the client's encoder, pricing, the history):
 *
 * - an answer's metadata of the wrong type is put right: a numeric id or model becomes its
 *   string, a creation time that is not one becomes now (a typed client would choke on the
 *   number; the answer itself is fine);
 * - content of the wrong type (text, tool names and arguments, part numbers, log probabilities)
 *   and token counts that are not counts are the upstream's protocol error: a 502 that fails
 *   over, or an error event once the client has bytes. Never a crash of the relay, and never a
 *   NaN or made-up cost in the history.
 *
 * They are typeof checks, a few per event (about 7 ns).
 */

const finishReasons = new Set(['stop', 'length', 'tool_calls', 'content_filter', 'error', 'other']);

/** The first content field of an event that does not have its canonical type, or undefined. */
function malformedField(event: StreamEvent): string | undefined {
  switch (event.type) {
    case 'message_start':
      return undefined;
    case 'usage':
      return malformedUsage(event.usage);
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
    case 'finish':
      if (!finishReasons.has(event.reason)) return 'finish reason';
      return event.raw === undefined ? undefined : notString(event, 'raw');
    default:
      return 'event type';
  }
}

/**
 * The event as the relay passes it on: metadata put right, and the upstream's protocol error
 * thrown for content or counts of the wrong type.
 */
export function checkEvent(event: StreamEvent, provider: string): StreamEvent {
  if (event.type === 'message_start') {
    const { id, model, created, usage } = event;
    const malformed = usage === undefined ? undefined : malformedUsage(usage);
    if (malformed !== undefined) throw unreadableField(provider, malformed);
    if (typeof id === 'string' && typeof model === 'string' && isCount(created)) return event;
    return { ...event, id: asText(id), model: asText(model), created: asTime(created) };
  }
  const field = malformedField(event);
  if (field !== undefined) throw unreadableField(provider, field);
  if (event.type === 'part_start' && event.part.type === 'tool_call' && typeof event.part.id !== 'string')
    return { ...event, part: { ...event.part, id: asText(event.part.id) } };
  return event;
}

/**
 * The events a converter makes of upstream data, each checked as `checkEvent` does; what the
 * converter cannot read is the upstream's protocol error.
 */
export function* checkedEvents(
  provider: string,
  convert: () => Iterable<StreamEvent>,
): Generator<StreamEvent> {
  try {
    for (const event of convert()) yield checkEvent(event, provider);
  } catch (error) {
    throw unreadableUpstream(error, provider);
  }
}

/**
 * Converts an upstream's whole answer and checks it as `checkEvent` does its events: what the
 * converter cannot read, or reads into content of the wrong type, is the upstream's protocol
 * error.
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

/** A whole answer as the relay passes it on (see `checkEvent`). */
export function checkResponse(response: CanonicalResponse, provider: string): CanonicalResponse {
  const field =
    (finishReasons.has(response.finishReason) ? undefined : 'finish reason') ??
    (response.rawFinishReason === undefined ? undefined : notString(response, 'rawFinishReason')) ??
    (response.usage === undefined ? undefined : malformedUsage(response.usage)) ??
    malformedLogprobs(response.logprobs) ??
    response.content.map(malformedContent).find((found) => found !== undefined);
  if (field !== undefined) throw unreadableField(provider, field);
  response.id = asText(response.id);
  response.model = asText(response.model);
  response.created = asTime(response.created);
  for (const part of response.content) if (part.type === 'tool_call') part.id = asText(part.id);
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

/** A string as it is, a number as its digits, anything else as nothing. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** A creation time in seconds, or now. */
function asTime(value: unknown): number {
  return isCount(value) ? value : Math.floor(Date.now() / 1000);
}

function notString(value: object, key: string): string | undefined {
  return typeof (value as Fields)[key] === 'string' ? undefined : key;
}

function notIndex(event: { index: number }): string | undefined {
  return Number.isInteger(event.index) && event.index >= 0 ? undefined : 'part index';
}

/** A tool call's id may be a number (put right); its name must be text. */
function notId(value: object): string | undefined {
  const id = (value as Fields).id;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? undefined : 'id';
}

function malformedPart(part: PartStart): string | undefined {
  if (part === null || typeof part !== 'object') return 'part';
  if (part.type === 'tool_call') return notId(part) ?? notString(part, 'name');
  if (part.type === 'reasoning') return part.data === undefined ? undefined : notString(part, 'data');
  if (part.type === 'native') return notObject(part.value);
  return part.type === 'text' ? undefined : 'part type';
}

/** A native item is passed on as it came, but it must be an object. */
function notObject(value: unknown): string | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? undefined : 'item';
}

function malformedContent(part: CanonicalResponse['content'][number]): string | undefined {
  if (part.type === 'tool_call')
    return notId(part) ?? notString(part, 'name') ?? notString(part, 'arguments');
  if (part.type === 'text') return notString(part, 'text');
  if (part.type === 'native') return notObject(part.value);
  if (part.type !== 'reasoning') return 'part type';
  return (
    notString(part, 'text') ??
    (part.signature === undefined ? undefined : notString(part, 'signature')) ??
    (part.data === undefined ? undefined : notString(part, 'data'))
  );
}

/** The totals are always there; every other count is there only when known, and then a count. */
function malformedUsage(usage: Usage): string | undefined {
  if (usage === null || typeof usage !== 'object') return 'usage';
  const fields = usage as unknown as Fields;
  const field = usageCounts.find(
    (key) =>
      !isCount(fields[key]) && (key === 'inputTokens' || key === 'outputTokens' || fields[key] !== undefined),
  );
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
