import { useEffect, useRef } from 'react';

/**
 * Calls `poll` every `intervalMs` while `enabled`, skipping ticks while the page is hidden and
 * catching up as soon as it is shown again. One call at a time: a slow answer is not stacked.
 */
export function usePolling(poll: () => Promise<void>, intervalMs: number, enabled: boolean): void {
  const latest = useRef(poll);
  latest.current = poll;
  useEffect(() => {
    if (!enabled) return;
    let running = false;
    const tick = () => {
      if (running || document.hidden) return;
      running = true;
      void latest.current().finally(() => (running = false));
    };
    const timer = setInterval(tick, intervalMs);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [intervalMs, enabled]);
}
