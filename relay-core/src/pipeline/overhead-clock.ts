/**
 * The relay's own time on one request (`x-relay-overhead-ms`): the request's wall time less its
 * waits for upstreams and for the client. It runs from a mark: `lap` counts the time since the
 * mark as the relay's, `restart` moves the mark past a wait without counting it.
 */
export class OverheadClock {
  private relayMs = 0;
  private mark: number;

  constructor(
    private readonly now: () => number,
    /** When the request's body had been read: the relay's clock starts here. */
    startedAt: number,
  ) {
    this.mark = startedAt;
  }

  /** Counts the time from the mark to `until` (default: now) as the relay's, and marks now. */
  lap(until = this.now()): number {
    this.relayMs += until - this.mark;
    this.mark = this.now();
    return this.relayMs;
  }

  /** Marks now, leaving the time since the last mark out (a wait for an upstream). */
  restart(): void {
    this.mark = this.now();
  }

  /** Leaves out time that lies after the mark but was spent waiting (an embedding call). */
  skip(ms: number): void {
    this.mark += ms;
  }

  /** Adds relay work measured on its own (converting an answer, a stream's own time). */
  add(ms: number): void {
    this.relayMs += ms;
  }

  /** The relay's time counted so far, without the time since the mark. */
  get counted(): number {
    return this.relayMs;
  }

  /** The relay's time so far, the time since the mark included. */
  soFar(): number {
    return this.relayMs + (this.now() - this.mark);
  }
}
