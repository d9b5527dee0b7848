import { RelayError } from '../../canonical/errors.js';
import type { CanonicalRequest } from '../../canonical/types.js';

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

/** Throws a 400 for the first meaningful parameter this provider cannot honour. */
export function rejectUnsupported(
  request: CanonicalRequest,
  provider: string,
  supported: { passthrough?: readonly string[]; parallelToolCallsOff?: boolean } = {},
): void {
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
