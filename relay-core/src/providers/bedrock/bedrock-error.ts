import { RelayError } from '../../canonical/errors.js';
import type { RelayErrorCode } from '../../canonical/errors.js';
import { headerValue, parseRetryAfter } from '../shared/parse-retry-after.js';

const codeByType: Record<string, RelayErrorCode> = {
  validationexception: 'UPSTREAM_BAD_REQUEST',
  accessdeniedexception: 'UPSTREAM_PERMISSION',
  unrecognizedclientexception: 'UPSTREAM_AUTH',
  resourcenotfoundexception: 'UPSTREAM_NOT_FOUND',
  throttlingexception: 'UPSTREAM_RATE_LIMITED',
  servicequotaexceededexception: 'UPSTREAM_QUOTA_EXCEEDED',
  internalserverexception: 'UPSTREAM_SERVER_ERROR',
  modelstreamerrorexception: 'UPSTREAM_STREAM_ERROR',
  modeltimeoutexception: 'UPSTREAM_TIMEOUT',
  modelnotreadyexception: 'UPSTREAM_OVERLOADED',
  serviceunavailableexception: 'UPSTREAM_OVERLOADED',
};

function codeByStatus(status: number): RelayErrorCode {
  if (status === 401) return 'UPSTREAM_AUTH';
  if (status === 403) return 'UPSTREAM_PERMISSION';
  if (status === 404) return 'UPSTREAM_NOT_FOUND';
  if (status === 408) return 'UPSTREAM_TIMEOUT';
  if (status === 429) return 'UPSTREAM_RATE_LIMITED';
  if (status === 503) return 'UPSTREAM_OVERLOADED';
  if (status >= 500 || status === 424) return 'UPSTREAM_SERVER_ERROR';
  return 'UPSTREAM_BAD_REQUEST';
}

/**
 * Maps a Bedrock error (ERRORS.md §4): the body has only `message`; the class is in the
 * `x-amzn-errortype` header (`ThrottlingException:http://…`) or, inside a stream, in the
 * exception frame's type.
 */
export function convertBedrockError(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  text: string,
  provider: string,
): RelayError {
  const type = (headerValue(headers['x-amzn-errortype']) ?? '').split(':')[0]!.toLowerCase();
  const code = Object.hasOwn(codeByType, type) ? codeByType[type]! : codeByStatus(status);
  let message = `upstream answered HTTP ${status}`;
  try {
    const body = JSON.parse(text) as { message?: unknown; Message?: unknown };
    const found = body.message ?? body.Message;
    if (typeof found === 'string') message = found;
  } catch {
    // not JSON
  }
  return new RelayError(code, `${provider}: ${message}`, {
    provider,
    upstreamStatus: status || undefined,
    retryAfterMs: parseRetryAfter(headers),
    status: code === 'UPSTREAM_BAD_REQUEST' && status >= 400 && status < 500 ? status : undefined,
  });
}
