import type { AbortSource } from '../providers/types.js';

const nothing = () => undefined;

/**
 * A one-shot abort flag that listeners can wait on: an AbortController's job for the relay's
 * per-request signals (the client hung up, an attempt is called off). Creating an AbortSignal and
 * listening to it costs microseconds each on Node 20 (an EventTarget per signal), an EventEmitter
 * and its `once` wrappers a tenth of that; a list of listeners less again, with two switches and
 * four listeners a request. `sendUpstream` calls off an upstream request when it aborts.
 */
export class AbortSwitch implements AbortSource {
  aborted = false;
  private listeners: Array<() => void> | undefined;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners) for (const listener of listeners) listener();
  }

  /** Calls `listener` once on abort (at once when already aborted); returns its removal. */
  onAbort(listener: () => void): () => void {
    if (this.aborted) {
      listener();
      return nothing;
    }
    (this.listeners ??= []).push(listener);
    return () => {
      const at = this.listeners?.indexOf(listener) ?? -1;
      if (at >= 0) this.listeners!.splice(at, 1);
    };
  }
}
