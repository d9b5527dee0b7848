import { carryClientBody } from '../canonical/client-body.js';
import type { CanonicalMessage, CanonicalRequest } from '../canonical/types.js';
import type { Target } from '../routing/resolve-targets.js';

/**
 * How a target is asked to go on with a partial answer: `prefill` ends the conversation with the
 * partial answer as the assistant's own turn, which the model continues; `instruction` follows it
 * with a user turn asking for the rest.
 */
export type ContinuationForm = 'prefill' | 'instruction';

/** The user turn of an `instruction` continuation. */
export const continueInstruction =
  'Your answer above was cut off. Continue it from exactly where it stops: do not repeat any of it, and add nothing before the continuation.';

// Anthropic documents prefill for Claude models before 4.6, which answer it with a 400; OpenAI's
// APIs and Gemini's document none, and OpenAI-compatible servers differ (some continue a final
// assistant turn, some answer it afresh, some repeat it in their answer)
const prefillModels = /^claude-(?:3[-.]|(?:opus|sonnet|haiku)-4(?:-[015])?(?:-\d{8}|-latest)?$)/;

/** The form a target is asked to continue in. */
export function continuationForm(target: Target): ContinuationForm {
  return target.provider.preset.adapter === 'anthropic' && prefillModels.test(target.model)
    ? 'prefill'
    : 'instruction';
}

/** A continuation request, and the whitespace it may start with that the client already has. */
export interface Continuation {
  request: CanonicalRequest;
  form: ContinuationForm;
  /** Trailing whitespace left out of a prefill (Anthropic refuses it): not to be sent twice. */
  skip: string;
}

/**
 * The request that asks `target` to continue a partial answer: the client's request with the
 * answer so far appended, as a prefill or followed by an instruction, and what is left of the
 * client's output limit (`spent`: the output tokens of the attempts before). Built beside the
 * client's request, never in it: the client's body and its headers' fields stay with the original,
 * and only the headers (Anthropic's betas) are carried over.
 */
export function continueRequest(
  request: CanonicalRequest,
  text: string,
  target: Target,
  spent = 0,
): Continuation {
  const trimmed = text.trimEnd();
  const form = trimmed === '' ? 'instruction' : continuationForm(target);
  const said: CanonicalMessage = {
    role: 'assistant',
    content: [{ type: 'text', text: form === 'prefill' ? trimmed : text }],
  };
  const messages: CanonicalMessage[] = [...request.messages, said];
  if (form === 'instruction')
    messages.push({ role: 'user', content: [{ type: 'text', text: continueInstruction }] });
  const continuation: CanonicalRequest = {
    ...request,
    messages,
    // its own list: a request sent last has its tools let go in place (lighten-request.ts)
    ...(request.tools ? { tools: [...request.tools] } : {}),
    // the client's limit is for the whole answer
    ...(request.maxOutputTokens === undefined
      ? {}
      : { maxOutputTokens: Math.max(1, request.maxOutputTokens - spent) }),
  };
  // Anthropic takes no thinking with a prefill; the rest of a written answer needs none
  if (form === 'prefill') delete continuation.reasoning;
  delete continuation.inputSample;
  carryClientBody(request, continuation, false);
  return { request: continuation, form, skip: form === 'prefill' ? text.slice(trimmed.length) : '' };
}
