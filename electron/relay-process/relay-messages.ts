/**
 * Messages between main's relay supervisor and the relay process (an Electron utility process,
 * or a plain Node child in tests and headless use). Both sides import this one definition.
 */

/** The relay process → its supervisor. */
export type RelayProcessMessage =
  | { type: 'ready'; url: string; port: number; adminToken: string; home: string }
  /** The port is held by another program; the process exits right after. */
  | { type: 'port-in-use'; port: number; message: string }
  /** Start-up failed for another reason (invalid config, unreadable database); it exits right after. */
  | { type: 'start-failed'; message: string };

/** The supervisor → the relay process. */
export type SupervisorMessage =
  /** Close the relay (the history writer flushes its last batch), then exit 0. */
  { type: 'stop' };

/** Exit code of a relay process that could not bind its port (not a crash: no restart). */
export const portInUseExitCode = 3;
/** Exit code of a relay process whose start failed for another reason (not retried either). */
export const startFailedExitCode = 4;

/** Narrows a message from the relay process; anything else is ignored by the supervisor. */
export function isRelayProcessMessage(value: unknown): value is RelayProcessMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
      return (
        typeof message.url === 'string' &&
        typeof message.port === 'number' &&
        typeof message.adminToken === 'string' &&
        typeof message.home === 'string'
      );
    case 'port-in-use':
      return typeof message.port === 'number' && typeof message.message === 'string';
    case 'start-failed':
      return typeof message.message === 'string';
    default:
      return false;
  }
}
