import { EventEmitter } from 'node:events';

/**
 * A one-shot abort flag that listeners can wait on: an AbortController's job for the relay's
 * per-request signals (the client hung up, an attempt is called off). Creating an AbortSignal and
 * listening to it costs microseconds each on Node 20 (an EventTarget per signal); an EventEmitter
 * costs a tenth of that. `sendUpstream` calls off an upstream request when it emits `abort`, as
 * undici does with a request's `signal`.
 */
export class AbortSwitch extends EventEmitter {
  aborted = false;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }

  /** Calls `listener` once on abort (at once when already aborted); returns its removal. */
  onAbort(listener: () => void): () => void {
    if (this.aborted) {
      listener();
      return () => undefined;
    }
    this.once('abort', listener);
    return () => this.off('abort', listener);
  }
}
