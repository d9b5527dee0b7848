import { RelayError } from '../canonical/errors.js';

/**
 * Waits for an iterator's next item for at most `timeoutMs`; on timeout it calls `onTimeout`
 * (which aborts the upstream) and rejects with a retryable UPSTREAM_TIMEOUT.
 */
export function nextWithTimeout<T>(
  iterator: AsyncIterator<T>,
  timeoutMs: number,
  provider: string,
  onTimeout: () => void,
): Promise<IteratorResult<T>> {
  if (!(timeoutMs > 0)) return iterator.next();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout();
      reject(
        new RelayError('UPSTREAM_TIMEOUT', `${provider}: no first token within ${timeoutMs} ms`, {
          provider,
        }),
      );
    }, timeoutMs);
    iterator.next().then(
      (result) => {
        clearTimeout(timer);
        resolve(result);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
