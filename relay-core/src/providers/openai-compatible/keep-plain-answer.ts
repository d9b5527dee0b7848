import { keepUpstreamAnswer } from '../../canonical/client-body.js';
import type { CanonicalResponse } from '../../canonical/types.js';
import { isPlainObject } from '../../shared/is-plain-object.js';

const finishReasons = new Set(['stop', 'length', 'tool_calls', 'content_filter']);

const isCount = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 0;

function isPlainCall(call: unknown): boolean {
  return (
    isPlainObject(call) &&
    call.type === 'function' &&
    typeof call.id === 'string' &&
    isPlainObject(call.function) &&
    typeof call.function.name === 'string' &&
    typeof call.function.arguments === 'string'
  );
}

/**
 * Whether an OpenAI-compatible upstream's whole answer says, in OpenAI Chat's own shape, what the
 * relay would write for it (but for fields the relay does not model): one choice, text (or tool
 * calls) and a standard finish reason, usage in OpenAI's fields, every field OpenAI's schema
 * requires, no reasoning (which the relay renames) and no refusal. Anything else is encoded from
 * the canonical answer, as every answer was before.
 */
function isPlainAnswer(wire: unknown): boolean {
  if (!isPlainObject(wire) || wire.object !== 'chat.completion') return false;
  if (typeof wire.id !== 'string' || wire.id === '' || typeof wire.model !== 'string') return false;
  if (
    !isPlainObject(wire.usage) ||
    !isCount(wire.usage.prompt_tokens) ||
    !isCount(wire.usage.completion_tokens)
  )
    return false;
  if (wire.x_groq !== undefined || !Array.isArray(wire.choices) || wire.choices.length !== 1) return false;
  // what OpenAI's schema requires and some compatible servers leave out or null: the relay writes it
  if (typeof wire.created !== 'number') return false;
  if (wire.system_fingerprint !== undefined && typeof wire.system_fingerprint !== 'string') return false;
  const choice: unknown = wire.choices[0];
  if (!isPlainObject(choice) || choice.index !== 0 || !finishReasons.has(choice.finish_reason as string))
    return false;
  if (!('logprobs' in choice)) return false;
  const message = choice.message;
  if (!isPlainObject(message) || message.role !== 'assistant') return false;
  if (message.reasoning_content != null || message.reasoning != null || message.refusal != null) return false;
  if (message.content !== null && typeof message.content !== 'string') return false;
  return (
    message.tool_calls === undefined ||
    (Array.isArray(message.tool_calls) && message.tool_calls.every(isPlainCall))
  );
}

/**
 * Whether JSON text has no whitespace between its tokens, as the relay writes its own answers:
 * a pretty-printed answer is re-encoded, so every answer a client gets reads alike.
 */
function isCompact(text: string): boolean {
  let inString = false;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (inString) {
      if (code === 0x5c) at++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) return false;
  }
  return true;
}

/**
 * Keeps the upstream's text beside its canonical answer when an OpenAI Chat client may be sent it
 * as it came, only its model replaced (cache/replay-answer.ts): the answer is not encoded again,
 * and what the upstream adds that the relay does not model (`system_fingerprint`, `service_tier`,
 * usage details) reaches the client.
 */
export function keepPlainAnswer(answer: CanonicalResponse, wire: unknown, text: string): CanonicalResponse {
  if (isPlainAnswer(wire) && isCompact(text)) keepUpstreamAnswer(answer, 'openai-chat', text);
  return answer;
}
