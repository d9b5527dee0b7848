import type { FaultSpec } from './faults.js';

/** One request the emulator received, as tests inspect it. */
export interface EmulatorCall {
  method: string;
  path: string;
  /** The query string, with its `?` (empty when none). */
  query: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, the raw text when it is not JSON, or undefined when empty. */
  body: unknown;
  /** The body as text (decoded as UTF-8). */
  text?: string;
  /** The body exactly as it came. */
  bytes?: Buffer;
  /** Which recording answered. */
  scenario?: string;
  /** Which fault was applied, if any. */
  fault?: FaultSpec;
  /** The client closed the connection before the response was complete (not a fault's own reset). */
  aborted: boolean;
  /** The response was completely written. */
  finished: boolean;
}

/** A running emulator. */
export interface Emulator {
  /** e.g. http://127.0.0.1:PORT; OpenAI routes live under `${url}/v1`. */
  url: string;
  port: number;
  calls: EmulatorCall[];
  inject(fault: FaultSpec): void;
  clearFaults(): void;
  /** Clears calls and faults. */
  reset(): void;
  /** Names of the available recordings. */
  scenarios(): string[];
  /** Closes the server, destroys open sockets and clears pending timers. */
  close(): Promise<void>;
}

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** When set, other keys get the provider's 401; when unset any non-empty key is accepted. */
  expectedKey?: string;
  /**
   * How many calls `calls` keeps (the oldest go first); default all of them, for tests. A
   * benchmark or a soak sends hundreds of thousands, with their bodies: the CLI keeps 1,000.
   */
  keepCalls?: number;
  /**
   * Answers a whole (non-streamed) Chat Completions request to a scenario recorded only as a stream
   * with the answer assembled from that stream, instead of a 400. The demo turns it on, so every
   * model it lists answers both ways; tests of the emulator's own refusal leave it off.
   */
  wholeFromStream?: boolean;
}
