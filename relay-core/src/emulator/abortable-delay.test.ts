import { describe, expect, it } from 'vitest';
import { createDelays } from './abortable-delay.js';

// A delay that outlived its request would keep the test process alive for its whole length;
// these resolve at once, so a leaked 60 s timer would time the test out instead.
describe('createDelays', () => {
  it('ends a pending delay when its request is aborted', async () => {
    const { delay } = createDelays();
    const hangUp = new AbortController();
    const waiting = delay(60_000, hangUp.signal);
    hangUp.abort();
    await expect(waiting).resolves.toBeUndefined();
  });

  it('ends every pending delay when the emulator closes', async () => {
    const { delay, clearAll } = createDelays();
    const never = new AbortController().signal;
    const waiting = Promise.all([delay(60_000, never), delay(120_000, never)]);
    clearAll();
    await expect(waiting).resolves.toEqual([undefined, undefined]);
  });

  it('does not wait at all for no delay or an already aborted request', async () => {
    const { delay } = createDelays();
    const aborted = AbortSignal.abort();
    await expect(
      Promise.all([delay(undefined, aborted), delay(0, aborted), delay(60_000, aborted)]),
    ).resolves.toHaveLength(3);
  });
});
