import { RelayError } from '../../canonical/errors.js';

/**
 * Parses JSON an upstream sent (a body, or one stream event's data). Truncated or garbled JSON
 * is a retryable protocol error naming the provider, never a crash.
 */
export function parseUpstreamJson<T>(text: string, provider: string, where: 'body' | 'stream'): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    const what = where === 'body' ? 'a malformed JSON body' : 'malformed JSON in its stream';
    throw new RelayError('UPSTREAM_PROTOCOL_ERROR', `${provider}: upstream sent ${what}`, {
      provider,
      cause: error,
    });
  }
}
