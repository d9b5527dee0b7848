/**
 * The relay process: `startRelay` plus a small protocol with its supervisor (relay-messages.ts).
 * In the app it runs as an Electron utility process (`process.parentPort`); the same file runs
 * under plain Node as a `child_process.fork` child (`process.send`), which is how the supervisor's
 * tests drive it. Started on its own it is just the headless relay.
 *
 * Arguments: `--port N` (default: config.yaml / SWITCHBOARD_PORT), `--ui-root DIR`, and
 * `--history-flush-ms N` (how long history rows may wait for their batch; tests lengthen it).
 */
import { parseArgs } from 'node:util';
import { startRelay } from '../../relay-core/src/index.js';
import type { RelayHandle } from '../../relay-core/src/index.js';
import { portInUseExitCode, startFailedExitCode } from './relay-messages.js';
import type { RelayProcessMessage, SupervisorMessage } from './relay-messages.js';

interface ParentLink {
  /** Resolves once the message left this process, so an exit right after cannot drop it. */
  send(message: RelayProcessMessage): Promise<void>;
  onMessage(listener: (message: unknown) => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

function connectToParent(): ParentLink | undefined {
  const parentPort = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) {
    return {
      send: async (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
    };
  }
  const send = process.send?.bind(process);
  if (send) {
    return {
      send: (message) => new Promise((resolve) => send(message, undefined, {}, () => resolve())),
      onMessage: (listener) => process.on('message', listener),
    };
  }
  return undefined;
}

function isStop(message: unknown): message is SupervisorMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'stop';
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'ui-root': { type: 'string' },
    'history-flush-ms': { type: 'string' },
  },
  allowPositionals: false,
});
const port = values.port === undefined ? undefined : Number(values.port);
const parent = connectToParent();

// listen before starting: a stop sent while the relay still starts must not be lost
let relay: RelayHandle | undefined;
let stopRequested = false;
const stop = async () => {
  if (stopRequested) return;
  stopRequested = true;
  if (!relay) return; // the start below sees the request once it finishes
  await relay.close();
  process.exit(0);
};
parent?.onMessage((message) => {
  if (isStop(message)) void stop();
});
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

try {
  const flushMs = values['history-flush-ms'];
  relay = await startRelay({
    port,
    uiRoot: values['ui-root'],
    historyFlushIntervalMs: flushMs === undefined ? undefined : Number(flushMs),
  });
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`switchboard relay: ${message}`);
  // startRelay reports EADDRINUSE as this sentence (start-relay.ts), naming the port
  const portTaken = /already in use/.test(message);
  await parent?.send(
    portTaken ? { type: 'port-in-use', port: port ?? 0, message } : { type: 'start-failed', message },
  );
  process.exit(portTaken ? portInUseExitCode : startFailedExitCode);
}

if (stopRequested) {
  await relay.close();
  process.exit(0);
}
const ready = { url: relay.url, port: relay.port, adminToken: relay.adminToken, home: relay.home };
if (parent) await parent.send({ type: 'ready', ...ready });
else console.error(`Switchboard relay listening on ${relay.url}  (data: ${relay.home})`);
