/** What to do to the next matching request(s). */
export interface FaultSpec {
  /** Which requests it applies to (default: any). */
  match?: {
    model?: string;
    path?: string;
    /** The provider key the request carries (a key out of quota while others are not). */
    key?: string;
  };
  /** How many matching requests consume it (default 1; Infinity for all). */
  times?: number;
  /** Answer with this status... */
  status?: number;
  /** ...and this body (object → JSON); default: the provider's own error body for the status. */
  body?: string | object;
  headers?: Record<string, string>;
  /** Sets `retry-after` (seconds or an HTTP date). */
  retryAfter?: number | string;
  /** Wait before sending response headers. */
  delayHeadersMs?: number;
  /** Streaming: wait after the headers before the first event. */
  delayFirstChunkMs?: number;
  /** Streaming: wait between events. */
  chunkDelayMs?: number;
  /** Destroy the socket before or right after the response headers. */
  reset?: 'before-headers' | 'after-headers';
  /** Streaming: destroy the socket after this many events. */
  dropAfterChunks?: number;
  /** Streaming: end the response cleanly after this many events (no terminal event). */
  endAfterChunks?: number;
  /** Streaming: write each event in pieces of this many bytes (lines split across packets). */
  fragmentBytes?: number;
  /**
   * A 200 whose JSON is cut in half (streams: the third event), an HTML error page from a proxy,
   * well-formed JSON with `tool_calls: 5` in every message or delta (`wrong-types`), or with
   * every `id` a number instead of a string (`numeric-ids`).
   */
  malformed?: 'truncated-json' | 'html' | 'wrong-types' | 'numeric-ids';
  /**
   * A 200 whose answer never ends: one JSON string (streams: one SSE event's data) growing by 1 MB
   * a write until the client closes the connection (at most 256 MB).
   */
  endless?: boolean;
  /** Answer with this named recording. */
  scenario?: string;
}

/** A queue of faults; each request takes the first that matches it. */
export class FaultQueue {
  private faults: Array<{ spec: FaultSpec; remaining: number }> = [];

  add(spec: FaultSpec): void {
    // over HTTP JSON cannot carry Infinity; `times: null` or a negative number means "every request"
    const times = spec.times === null || (spec.times ?? 1) < 0 ? Infinity : (spec.times ?? 1);
    this.faults.push({ spec, remaining: times });
  }

  clear(): void {
    this.faults = [];
  }

  /** The pending faults, for GET /__emulator/faults. */
  list(): FaultSpec[] {
    return this.faults.map(({ spec }) => spec);
  }

  /** Takes the first fault matching this request, consuming one of its `times`. */
  take(model: string | undefined, path: string, key?: string): FaultSpec | undefined {
    const index = this.faults.findIndex(
      ({ spec }) =>
        (spec.match?.model === undefined || spec.match.model === model) &&
        (spec.match?.path === undefined || spec.match.path === path) &&
        (spec.match?.key === undefined || spec.match.key === key),
    );
    if (index === -1) return undefined;
    const entry = this.faults[index]!;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.faults.splice(index, 1);
    return entry.spec;
  }
}
