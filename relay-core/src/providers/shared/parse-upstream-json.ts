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

/**
 * An upstream answer that parsed but has a shape its converter cannot read (a `null` where an
 * object belongs, a number for an id): the upstream's fault, a retryable protocol error naming
 * the provider, not an internal error of the relay. RelayErrors (an error event in the stream)
 * pass as they are.
 */
export function unreadableUpstream(error: unknown, provider: string): RelayError {
  if (error instanceof RelayError) return error;
  return new RelayError(
    'UPSTREAM_PROTOCOL_ERROR',
    `${provider}: upstream sent an answer of a shape the relay cannot read`,
    {
      provider,
      cause: error,
    },
  );
}
