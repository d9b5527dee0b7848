import { fork } from 'node:child_process';
import { relayNodeFlags } from './relay-node-flags.js';
import type { RelayChild, SpawnRelay } from './relay-supervisor.js';

export interface SpawnRelayOptions {
  /** The relay process entry (dist/electron/relay-process.js, or the .ts under tsx). */
  entry: string;
  /** Arguments after `--port N`, e.g. `['--ui-root', dir]`. */
  args?: string[];
  env?: NodeJS.ProcessEnv;
}

/** The part of Electron's `utilityProcess` used here. */
export interface UtilityProcessFactory {
  fork(
    modulePath: string,
    args: string[],
    options: {
      env?: NodeJS.ProcessEnv;
      execArgv?: string[];
      serviceName?: string;
      stdio?: 'inherit' | 'pipe' | 'ignore';
    },
  ): {
    postMessage(message: unknown): void;
    kill(): boolean;
    on(event: 'message', listener: (message: unknown) => void): unknown;
    on(event: 'exit', listener: (code: number) => void): unknown;
  };
}

/** Runs the relay in an Electron utility process: a crash there never takes the window down. */
export function spawnUtilityRelay(
  utilityProcess: UtilityProcessFactory,
  options: SpawnRelayOptions,
): SpawnRelay {
  return (port) => {
    const child = utilityProcess.fork(options.entry, ['--port', String(port), ...(options.args ?? [])], {
      env: options.env,
      execArgv: [...relayNodeFlags],
      serviceName: 'Switchboard relay',
      stdio: 'inherit',
    });
    return {
      send: (message) => child.postMessage(message),
      kill: () => void child.kill(),
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => void child.on('exit', (code) => listener(code)),
    };
  };
}

/**
 * Runs the relay as a plain Node child (`child_process.fork`): the supervisor's tests, and the same
 * entry without Electron. `execArgv` lets a source checkout load the TypeScript entry through tsx.
 */
export function spawnNodeRelay(options: SpawnRelayOptions & { execArgv?: string[] }): SpawnRelay {
  return (port): RelayChild => {
    const child = fork(options.entry, ['--port', String(port), ...(options.args ?? [])], {
      env: options.env,
      execArgv: [...relayNodeFlags, ...(options.execArgv ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return {
      send: (message) => void (child.connected && child.send(message)),
      kill: () => void child.kill('SIGKILL'),
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => void child.on('exit', (code) => listener(code)),
    };
  };
}
