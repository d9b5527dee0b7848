/** Waits `ms` (nothing when 0 or undefined); resolves early, clearing its timer, once `signal` aborts. */
export type Delay = (ms: number | undefined, signal: AbortSignal) => Promise<void>;

/**
 * Creates the emulator's only source of timers. Every pending timer is cleared when its request's
 * signal aborts (the client hung up) or when `clearAll` runs (the emulator closes), so no timer
 * keeps a test process alive.
 */
export function createDelays(): { delay: Delay; clearAll: () => void } {
  const pending = new Map<NodeJS.Timeout, () => void>();

  const delay: Delay = (ms, signal) => {
    if (!ms || ms <= 0 || signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        pending.delete(timer);
        signal.removeEventListener('abort', finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      pending.set(timer, finish);
      signal.addEventListener('abort', finish, { once: true });
    });
  };

  const clearAll = () => {
    for (const finish of [...pending.values()]) finish();
  };

  return { delay, clearAll };
}
