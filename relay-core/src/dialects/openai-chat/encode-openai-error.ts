import type { RelayError, RelayErrorCode } from '../../canonical/errors.js';
import { UnsupportedError } from '../../providers/shared/reject-unsupported.js';
import { OpenAIRequestError } from './openai-request-error.js';

const typeByCode: Partial<Record<RelayErrorCode, string>> = {
  CLIENT_UNAUTHORIZED: 'invalid_request_error',
  UPSTREAM_RATE_LIMITED: 'rate_limit_error',
  CLIENT_LIMIT_EXCEEDED: 'rate_limit_error',
  MODEL_NOT_ALLOWED: 'permission_error',
  UPSTREAM_QUOTA_EXCEEDED: 'insufficient_quota',
  UPSTREAM_AUTH: 'server_error',
  UPSTREAM_PERMISSION: 'server_error',
  UPSTREAM_OVERLOADED: 'server_error',
  UPSTREAM_SERVER_ERROR: 'server_error',
  UPSTREAM_TIMEOUT: 'server_error',
  UPSTREAM_CONNECT_ERROR: 'server_error',
  UPSTREAM_PROTOCOL_ERROR: 'server_error',
  UPSTREAM_STREAM_ERROR: 'server_error',
  NO_PROVIDER: 'server_error',
  CONFIG_INVALID: 'server_error',
  INTERNAL: 'server_error',
};

const openAICode: Partial<Record<RelayErrorCode, string>> = {
  CLIENT_UNAUTHORIZED: 'invalid_api_key',
  MODEL_NOT_FOUND: 'model_not_found',
  UPSTREAM_NOT_FOUND: 'model_not_found',
  UPSTREAM_RATE_LIMITED: 'rate_limit_exceeded',
  UPSTREAM_QUOTA_EXCEEDED: 'insufficient_quota',
  UPSTREAM_CONTEXT_TOO_LONG: 'context_length_exceeded',
  UPSTREAM_CONTENT_POLICY: 'content_policy_violation',
};

/**
 * What an upstream cannot honour, in OpenAI's own words (recorded bodies: "Unsupported parameter:
 * 'temperature' is not supported with this model.", "Unsupported value: 'messages[0].role' does
 * not support 'system' with this model."): clients read these to retry without the parameter.
 */
function unsupported(error: UnsupportedError) {
  const param = error.param ?? 'body';
  return error.value === undefined
    ? {
        message: `Unsupported parameter: '${param}' is not supported with this model.`,
        type: 'invalid_request_error',
        param,
        code: 'unsupported_parameter',
      }
    : {
        message: `Unsupported value: '${param}' does not support '${error.value}' with this model.`,
        type: 'invalid_request_error',
        param,
        code: 'unsupported_value',
      };
}

/**
 * A code that is the relay's or the upstream's fault in general is still the client's own when
 * its status says so: no target could take a request that big (a 400) is an invalid request.
 */
function typeOf(error: RelayError): string {
  const type = typeByCode[error.code] ?? 'invalid_request_error';
  return type === 'server_error' && error.status >= 400 && error.status < 500
    ? 'invalid_request_error'
    : type;
}

/** The one OpenAI error shape: `{error:{message,type,param,code}}` (openapi.yaml `ErrorResponse`). */
export function encodeOpenAIError(
  error: RelayError,
  message: string = error.message,
): { error: { message: string; type: string; param: string | null; code: string } } {
  if (error instanceof UnsupportedError) return { error: unsupported(error) };
  return {
    error: {
      message,
      type: typeOf(error),
      param: error.param ?? null,
      code:
        error instanceof OpenAIRequestError
          ? error.openAICode
          : (openAICode[error.code] ?? error.code.toLowerCase()),
    },
  };
}
