import { RelayError } from '../../canonical/errors.js';
import type { CanonicalRequest, NativePart } from '../../canonical/types.js';
import { isPlainObject } from '../../shared/is-plain-object.js';

/**
 * A parameter of the request, or one value of it, that a provider cannot honour: a 400 naming it,
 * before a byte is sent. Each dialect words it as its own provider does; an OpenAI client reads
 * "Unsupported parameter: 'logprobs' is not supported with this model." (dialects/openai-chat).
 */
export class UnsupportedError extends RelayError {
  constructor(
    param: string,
    /** The upstream's name as people know it (`Gemini`). */
    readonly upstream: string,
    /** The value refused, when the parameter is otherwise supported (`compaction` for `input[3].type`). */
    readonly value?: string,
  ) {
    super(
      'BAD_REQUEST',
      value === undefined
        ? `'${param}' is not supported by the ${upstream} upstream`
        : `'${param}' does not support '${value}' on the ${upstream} upstream`,
      { param },
    );
  }

  override forClient(
    message: string,
    param: string | undefined,
    redact: (text: string) => string,
  ): RelayError {
    if (param === undefined) return super.forClient(message, param, redact);
    return new UnsupportedError(
      param,
      this.upstream,
      this.value === undefined ? undefined : redact(this.value),
    );
  }
}

/** Refuses what only an OpenAI dialect reads when leaving it out would change the answer. */
export function refuseNative(part: NativePart, upstream: string): void {
  if (part.essential) throw new UnsupportedError(part.essential.param, upstream, part.essential.value);
}

/**
 * An OpenAI Responses client's top-level fields that change the answer and that only a Responses
 * upstream honours: a conversation or a stored prompt kept at OpenAI.
 */
const meaningfulResponses = ['conversation', 'prompt'];

/**
 * OpenAI parameters (kept in `passthrough`) that change what the client gets back. An upstream
 * that cannot honour one must refuse the request with a 400 naming it, never drop it silently.
 */
const meaningful = [
  'logprobs',
  'top_logprobs',
  'logit_bias',
  'frequency_penalty',
  'presence_penalty',
  'modalities',
  'audio',
  'prediction',
  'web_search_options',
];

/**
 * Top-level fields of an Anthropic client's request that the canonical form does not model
 * (`unmodeled`, sent on only to Anthropic) and that change what the client gets back or where its
 * data is processed. Any other upstream refuses them. The rest only tune Anthropic's service
 * (`service_tier`, `context_management`, `speed`, `cache_control`, …) and are left out for another
 * provider, as an OpenAI client's `store` is for Anthropic. Structured output (`output_format`,
 * `output_config.format`) goes to other providers as the request's `responseFormat` when it is a
 * JSON schema; in any other shape it is refused too.
 */
const meaningfulUnmodeled = ['top_k', 'mcp_servers', 'container', 'inference_geo'];

function given(value: unknown): boolean {
  return (
    value !== undefined && value !== null && value !== false && !(Array.isArray(value) && value.length === 0)
  );
}

/**
 * Throws a 400 for the first thing a Gemini client asked that changes the answer and that only a
 * Gemini upstream can honour (`cachedContent`, a PDF part, several candidates, …).
 */
function rejectGeminiUnmodeled(request: CanonicalRequest, provider: string): void {
  const refused = request.geminiUnmodeled?.refused[0];
  if (refused)
    throw new RelayError(
      'BAD_REQUEST',
      `'${refused.param}' (${refused.reason}) is not supported by the ${provider} upstream`,
      { param: refused.param },
    );
}

/**
 * Throws a 400 for the first meaningful field of a client's request, or part of one, that the
 * canonical form does not carry to `provider`: Anthropic's and Gemini's.
 */
export function rejectUnmodeled(request: CanonicalRequest, provider: string): void {
  rejectGeminiUnmodeled(request, provider);
  rejectAnthropicUnmodeled(request, provider);
}

/**
 * An Anthropic client's meaningful field, or part of one (`output_config.format`; its `effort` only
 * tunes), and the first block, tool or role of its body that only Anthropic can honour. Worded as
 * Anthropic words a field or type a deployment does not take, which Anthropic clients match to
 * fall back.
 */
function rejectAnthropicUnmodeled(request: CanonicalRequest, provider: string): void {
  const why = ` (the ${provider} upstream cannot honour it)`;
  const content = request.unmodeledContent?.find((piece) => piece.refusal !== undefined);
  if (content) throw new RelayError('BAD_REQUEST', `${content.refusal}${why}`, { param: content.param });
  const fields = request.unmodeled;
  if (!fields) return;
  const candidates: Array<[string, unknown]> = meaningfulUnmodeled.map((field) => [field, fields[field]]);
  // structured output the request does not carry as its responseFormat
  if (request.responseFormat?.type !== 'json_schema') {
    const config = fields.output_config;
    candidates.push(
      ['output_format', fields.output_format],
      ['output_config.format', isPlainObject(config) ? config.format : undefined],
    );
  }
  const name = candidates.find(([, value]) => given(value))?.[0];
  if (name)
    throw new RelayError('BAD_REQUEST', `${name}: Extra inputs are not permitted${why}`, { param: name });
}

/**
 * Throws a 400 for what an OpenAI client said that only OpenAI reads and that changes the answer:
 * an essential native part (a user's file, a compacted history) and a Responses client's
 * conversation or stored prompt. `responses`: the provider is a Responses upstream, which reads
 * every Responses field and item.
 */
export function rejectUnreadable(request: CanonicalRequest, provider: string, responses = false): void {
  if (responses) return;
  for (const message of request.messages)
    for (const part of message.content) if (part.type === 'native') refuseNative(part, provider);
  rejectResponsesFields(request, provider);
}

/** Throws a 400 for a Responses client's conversation or stored prompt (see `rejectUnreadable`). */
export function rejectResponsesFields(request: CanonicalRequest, provider: string): void {
  const fields = request.responsesFields;
  if (!fields) return;
  const name = meaningfulResponses.find((field) => given(fields[field]));
  if (name) throw new UnsupportedError(name, provider);
  const format = isPlainObject(fields.text) ? fields.text.format : undefined;
  // a text format the canonical form does not carry (a newer type than json_schema)
  if (isPlainObject(format) && !request.responseFormat && format.type !== 'text')
    throw new UnsupportedError('text.format.type', provider, String(format.type));
}

/**
 * Throws a 400 for the first meaningful parameter this provider cannot honour. `unmodeled`: the
 * provider is sent an Anthropic client's unmodeled fields as they are (Anthropic itself);
 * `geminiUnmodeled`: a Gemini client's (Gemini itself); `responses`: a Responses client's
 * (a Responses upstream).
 */
export function rejectUnsupported(
  request: CanonicalRequest,
  provider: string,
  supported: {
    passthrough?: readonly string[];
    parallelToolCallsOff?: boolean;
    unmodeled?: true;
    geminiUnmodeled?: true;
    responses?: true;
  } = {},
): void {
  if (!supported.geminiUnmodeled) rejectGeminiUnmodeled(request, provider);
  if (!supported.unmodeled) rejectAnthropicUnmodeled(request, provider);
  rejectUnreadable(request, provider, supported.responses);
  for (const name of meaningful) {
    const value = request.passthrough?.[name];
    if (value === undefined || value === null || value === false) continue;
    if (supported.passthrough?.includes(name)) continue;
    throw new UnsupportedError(name, provider);
  }
  if (request.parallelToolCalls === false && supported.parallelToolCallsOff === false)
    throw new UnsupportedError('parallel_tool_calls', provider, 'false');
}
