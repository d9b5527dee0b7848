/** Why connecting or disconnecting a tool failed; `code` is stable for callers to match on. */
export type ConnectErrorCode =
  /** No such tool. */
  | 'UNKNOWN_TOOL'
  /** disconnect: Switchboard has no record of connecting this tool. */
  | 'NOT_CONNECTED'
  /** A settings file is not valid in its format, or holds something in the way of a setting. */
  | 'SETTINGS_UNREADABLE'
  /** The model asked for (or any model) does not work with the relay's current config. */
  | 'NO_WORKING_MODEL';

/** A failure worth showing the user as it is: it names the file or model and what to do. */
export class ConnectError extends Error {
  constructor(
    readonly code: ConnectErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectError';
  }
}
