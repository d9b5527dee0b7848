import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');

/** A full garbage collection, now. */
export const fullGc = runInNewContext('gc') as () => void;

/**
 * A full garbage collection, on the next turn of the event loop (a WeakRef holds its target until
 * the job that last read it ends). What is still reachable after it is what a test's subject holds.
 */
export async function collectGarbage(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  fullGc();
}
