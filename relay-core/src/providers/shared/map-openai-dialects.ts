import type { NativePart } from '../../canonical/types.js';
import { isPlainObject } from '../../shared/is-plain-object.js';
import { refuseNative } from './reject-unsupported.js';

type Dialect = NativePart['dialect'];

/**
 * Fields both OpenAI dialects have under the same name and meaning, which only tune OpenAI's own
 * service: one OpenAI dialect's client has them sent to OpenAI in the other.
 */
export const sharedServiceFields = [
  'prompt_cache_key',
  'prompt_cache_retention',
  'safety_identifier',
  'service_tier',
];

function pick(value: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.flatMap((key) => (value[key] === undefined ? [] : [[key, value[key]]])));
}

/** A content part of one OpenAI dialect in the other's shape, where the two APIs have the same thing. */
function translate(value: Record<string, unknown>, to: Dialect): Record<string, unknown> | undefined {
  // audio is the same part in both
  if (value.type === 'input_audio') return value;
  if (to === 'openai-responses' && value.type === 'file' && isPlainObject(value.file))
    return { type: 'input_file', ...pick(value.file, ['file_data', 'file_id', 'filename']) };
  // Chat Completions has no file by URL
  if (to === 'openai-chat' && value.type === 'input_file' && value.file_url === undefined)
    return { type: 'file', file: pick(value, ['file_data', 'file_id', 'filename']) };
  return undefined;
}

/**
 * A message's native content part (audio, a file) as an upstream of an OpenAI dialect takes it: as
 * it came to the client's own dialect, translated to the other where both have it. Where neither,
 * it is refused when essential and left out otherwise (undefined).
 */
export function openAINativeContent(
  part: NativePart,
  to: Dialect,
  upstream: string,
): Record<string, unknown> | undefined {
  const content = part.dialect === to ? part.value : translate(part.value, to);
  if (!content) refuseNative(part, upstream);
  return content;
}
