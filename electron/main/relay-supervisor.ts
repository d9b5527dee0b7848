import {
  isRelayProcessMessage,
  portInUseExitCode,
  startFailedExitCode,
} from '../relay-process/relay-messages.js';
import type { SupervisorMessage } from '../relay-process/relay-messages.js';

/**
 * One running relay process as the supervisor sees it: Electron's UtilityProcess in the app, a
 * `child_process.fork` child in tests and under plain Node.
 */
export interface RelayChild {
  send(message: SupervisorMessage): void;
  /** Ends the process at once (a relay that did not stop in time). */
  kill(): void;
  onMessage(listener: (message: unknown) => void): void;
  /** `code` is null when the process died from a signal. */
  onExit(listener: (code: number | null) => void): void;
}

/** Starts a relay process listening on `port`. */
export type SpawnRelay = (port: number) => RelayChild;

/** What the tray and the window show about the relay. */
export type RelayStatus =
  | { state: 'starting'; port: number }
  | { state: 'running'; port: number; url: string; adminToken: string; home: string }
  /** It crashed; the next start is scheduled `delayMs` from now on the same port. */
  | { state: 'restarting'; port: number; delayMs: number; crashes: number }
  | { state: 'paused'; port: number }
  | { state: 'port-in-use'; port: number; message: string }
  | { state: 'failed'; port: number; message: string }
  | { state: 'stopped'; port: number };

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RelaySupervisorOptions {
  /** The port every start uses, restarts included (clients keep their base URL). */
  port: number;
  spawn: SpawnRelay;
  /** Called on every change of status. */
  onStatus?: (status: RelayStatus) => void;
  log?: (line: string) => void;
  timers?: Timers;
  /** Milliseconds on a monotonic clock. */
  now?: () => number;
  /** First restart delay; doubles with each crash in a row. Default 500 ms. */
  initialDelayMs?: number;
  /** Longest restart delay. Default 30 s. */
  maxDelayMs?: number;
  /** A process that ran this long before crashing starts the backoff over. Default 60 s. */
  resetAfterMs?: number;
  /** Crashes in a row after which the supervisor gives up and reports `failed`. Default 8. */
  maxCrashes?: number;
  /** How long a stopping relay may take to flush and exit before it is killed. Default 5 s. */
  stopTimeoutMs?: number;
}

export interface RelaySupervisor {
  status(): RelayStatus;
  /** Starts the relay (again) on the current port; a no-op while one runs or is scheduled. */
  start(): void;
  /** Stops the relay (flushing its history) until `resume`; local tools get connection refused. */
  pause(): Promise<void>;
  resume(): void;
  /** Moves to another port (after the port was taken) and starts there. */
  usePort(port: number): void;
  /** Stops the relay for good (app quit); resolves once the process has exited. */
  stop(): Promise<void>;
}

/**
 * Keeps one relay process alive: starts it, restarts it after a crash with exponential backoff on
 * the same port, and treats a taken port or a failed start as states for the user to act on
 * rather than crashes to retry.
 */
export function createRelaySupervisor(options: RelaySupervisorOptions): RelaySupervisor {
  const {
    spawn,
    onStatus = () => undefined,
    log = console.error,
    timers = {
      setTimeout: (run, ms) => setTimeout(run, ms),
      clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    },
    now = () => performance.now(),
    initialDelayMs = 500,
    maxDelayMs = 30_000,
    resetAfterMs = 60_000,
    maxCrashes = 8,
    stopTimeoutMs = 5000,
  } = options;
  let port = options.port;
  let current: RelayStatus = { state: 'stopped', port };
  let child: RelayChild | undefined;
  let startedAt = 0;
  let crashes = 0;
  let restartTimer: unknown;
  let finished = false;
  /** A start asked for while a process that reported port-in-use or failure is still exiting. */
  let launchOnExit = false;
  /** Set while pause/stop waits for the process to exit: the state to settle in, and the waiter. */
  let stopping: { then: 'paused' | 'stopped'; done: Promise<void>; resolve: () => void } | undefined;

  const setStatus = (next: RelayStatus) => {
    current = next;
    onStatus(next);
  };

  const cancelRestart = () => {
    if (restartTimer === undefined) return;
    timers.clearTimeout(restartTimer);
    restartTimer = undefined;
  };

  const onExit = (exited: RelayChild, code: number | null) => {
    if (exited !== child) return;
    child = undefined;
    if (launchOnExit && !stopping) {
      launchOnExit = false;
      launch();
      return;
    }
    if (stopping) {
      setStatus({ state: stopping.then, port });
      stopping.resolve();
      stopping = undefined;
      return;
    }
    if (current.state === 'port-in-use' || current.state === 'failed') return;
    if (code === portInUseExitCode) {
      setStatus({ state: 'port-in-use', port, message: portInUseMessage(port) });
      return;
    }
    if (code === startFailedExitCode) {
      setStatus({ state: 'failed', port, message: 'The relay could not start; see the log for why.' });
      return;
    }
    if (now() - startedAt >= resetAfterMs) crashes = 0;
    crashes += 1;
    if (crashes > maxCrashes) {
      setStatus({
        state: 'failed',
        port,
        message: `The relay crashed ${maxCrashes} times in a row and was not restarted.`,
      });
      return;
    }
    const delayMs = Math.min(initialDelayMs * 2 ** (crashes - 1), maxDelayMs);
    log(`switchboard: the relay exited (${code ?? 'killed'}); restarting on port ${port} in ${delayMs} ms`);
    setStatus({ state: 'restarting', port, delayMs, crashes });
    restartTimer = timers.setTimeout(() => {
      restartTimer = undefined;
      launch();
    }, delayMs);
  };

  const onMessage = (from: RelayChild, message: unknown) => {
    if (from !== child || stopping || !isRelayProcessMessage(message)) return;
    if (message.type === 'ready') {
      const { url, adminToken, home } = message;
      // a relay asked for port 0 got one from the OS: restarts keep that one
      port = message.port;
      setStatus({ state: 'running', port, url, adminToken, home });
    } else if (message.type === 'port-in-use') {
      setStatus({ state: 'port-in-use', port, message: portInUseMessage(port) });
    } else {
      setStatus({ state: 'failed', port, message: message.message });
    }
  };

  function launch(): void {
    if (finished || child) return;
    startedAt = now();
    setStatus({ state: 'starting', port });
    let spawned: RelayChild;
    try {
      spawned = spawn(port);
    } catch (error) {
      // a missing or unloadable entry: retrying cannot help, the user needs to see why
      const reason = error instanceof Error ? error.message : String(error);
      setStatus({ state: 'failed', port, message: `The relay process could not be started: ${reason}` });
      return;
    }
    child = spawned;
    spawned.onMessage((message) => onMessage(spawned, message));
    spawned.onExit((code) => onExit(spawned, code));
  }

  const halt = (then: 'paused' | 'stopped'): Promise<void> => {
    cancelRestart();
    launchOnExit = false;
    if (stopping) {
      if (then === 'stopped') stopping.then = 'stopped';
      return stopping.done;
    }
    const running = child;
    if (!running) {
      if (current.state !== then) setStatus({ state: then, port });
      return Promise.resolve();
    }
    let resolve!: () => void;
    const done = new Promise<void>((settle) => (resolve = settle));
    stopping = { then, done, resolve };
    const killTimer = timers.setTimeout(() => {
      if (child !== running) return;
      log(`switchboard: the relay did not stop within ${stopTimeoutMs} ms; killing it`);
      running.kill();
    }, stopTimeoutMs);
    void done.then(() => timers.clearTimeout(killTimer));
    running.send({ type: 'stop' });
    return done;
  };

  /** Starts again after a pause, a taken port or a failure (a running relay is left alone). */
  const relaunch = (nextPort: number) => {
    if (stopping || finished) return;
    if (child && current.state !== 'port-in-use' && current.state !== 'failed') return;
    cancelRestart();
    port = nextPort;
    crashes = 0;
    if (child) launchOnExit = true;
    else launch();
  };

  return {
    status: () => current,
    start() {
      if (restartTimer !== undefined) return;
      launch();
    },
    pause: () => halt('paused'),
    resume() {
      relaunch(port);
    },
    usePort(next) {
      relaunch(next);
    },
    stop() {
      finished = true;
      return halt('stopped');
    },
  };
}

/** What the user reads when the port is taken (the tray and a dialog offer another port). */
export function portInUseMessage(port: number): string {
  return `Port ${port} is already used by another program (another Switchboard relay?). Local tools expect the relay there; stop that program, or use another port.`;
}
