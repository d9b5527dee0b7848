import type { RelayError } from '../../canonical/errors.js';

/** Anthropic's error type for an HTTP status (docs.claude.com "Errors"). */
function errorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status === 503 || status === 529) return 'overloaded_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

/** The relay's names of parameters it may refuse (OpenAI's), as Anthropic's API names them. */
const anthropicNames: Record<string, string> = {
  model: 'model',
  temperature: 'temperature',
  tool_choice: 'tool_choice',
  parallel_tool_calls: 'tool_choice.disable_parallel_tool_use',
  stop: 'stop_sequences',
  response_format: 'output_config.format',
};

/**
 * A message worded as Anthropic words it, since Anthropic's clients match its words to fall back:
 * an Anthropic upstream's own message as it came (without the relay's `<provider>: `), or the
 * relay's refusal of a parameter led by its Anthropic name (`model: …`, as Anthropic says a model
 * is not found).
 */
function anthropicWording(error: RelayError, message: string): string {
  const prefix = `${error.provider ?? ''}: `;
  if (error.wordedIn === 'anthropic-messages' && message.startsWith(prefix))
    return message.slice(prefix.length);
  if (error.code.startsWith('UPSTREAM_')) return message;
  const name = error.param === undefined ? undefined : anthropicNames[error.param];
  return name === undefined || message.startsWith(`${name}:`) ? message : `${name}: ${message}`;
}

/** The one Anthropic error shape: `{type:"error",error:{type,message}}` (with Anthropic's `details`). */
export function encodeAnthropicError(error: RelayError, message: string = error.message) {
  return {
    type: 'error',
    error: {
      type: errorType(error.status),
      message: anthropicWording(error, message),
      ...(error.upstreamErrorCode ? { details: { error_code: error.upstreamErrorCode } } : {}),
    },
  };
}
