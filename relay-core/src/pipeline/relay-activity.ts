/** How long the relay must have had no model request in flight to count as idle. */
export const idleAfterMs = 2;

/**
 * Whether a request found the relay idle: no other model request in flight, and none for a couple
 * of milliseconds. On an idle machine the kernel wakes a client that reads from a local socket on
 * the core of the process that wrote to it (the other cores are asleep or busy); a relay that is
 * busy anyway, or serves requests back to back, finds its client on a core of its own.
 */
export class RelayActivity {
  private inFlight = 0;
  private lastEndedAt = Number.NEGATIVE_INFINITY;

  /** A model request arrived at `now`; answers whether it found the relay idle. */
  begin(now: number): boolean {
    const idle = this.inFlight === 0 && now - this.lastEndedAt >= idleAfterMs;
    this.inFlight += 1;
    return idle;
  }

  /** A model request ended at `now`. */
  end(now: number): void {
    this.inFlight -= 1;
    this.lastEndedAt = now;
  }

  /** Whether requests are flowing at `now`: one in flight, or one ended within `withinMs`. */
  flowing(now: number, withinMs: number): boolean {
    return this.inFlight > 0 || now - this.lastEndedAt < withinMs;
  }
}
