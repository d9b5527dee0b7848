import { RelayError } from '../../canonical/errors.js';
import type { CanonicalRequest } from '../../canonical/types.js';
import { isPlainObject } from '../../shared/is-plain-object.js';

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
 * Throws a 400 for the first meaningful parameter this provider cannot honour. `unmodeled`: the
 * provider is sent an Anthropic client's unmodeled fields as they are (Anthropic itself);
 * `geminiUnmodeled`: a Gemini client's (Gemini itself).
 */
export function rejectUnsupported(
  request: CanonicalRequest,
  provider: string,
  supported: {
    passthrough?: readonly string[];
    parallelToolCallsOff?: boolean;
    unmodeled?: true;
    geminiUnmodeled?: true;
  } = {},
): void {
  if (!supported.geminiUnmodeled) rejectGeminiUnmodeled(request, provider);
  if (!supported.unmodeled) rejectAnthropicUnmodeled(request, provider);
  for (const name of meaningful) {
    const value = request.passthrough?.[name];
    if (value === undefined || value === null || value === false) continue;
    if (supported.passthrough?.includes(name)) continue;
    throw new RelayError('BAD_REQUEST', `'${name}' is not supported by the ${provider} upstream`, {
      param: name,
    });
  }
  if (request.parallelToolCalls === false && supported.parallelToolCallsOff === false) {
    throw new RelayError(
      'BAD_REQUEST',
      `parallel_tool_calls: false is not supported by the ${provider} upstream`,
      {
        param: 'parallel_tool_calls',
      },
    );
  }
}
