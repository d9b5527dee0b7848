/**
 * The one definition of the IPC between main and preload: channel names and payload types
 * (model: usebruno/bruno's shared ipc.ts). Main registers a handler per channel, preload wraps each
 * in a named function; neither side spells a channel string itself.
 */

/** Channel of each function the preload exposes, keyed by that function's name. */
export const ipcChannels = {
  getRelayEndpoint: 'relay:get-endpoint',
  getAppVersion: 'app:get-version',
  openExternal: 'shell:open-external',
  revealDataFolder: 'shell:reveal-data-folder',
} as const;

export type IpcApiName = keyof typeof ipcChannels;
export type IpcChannel = (typeof ipcChannels)[IpcApiName];

/** Where the relay listens and the token its admin API wants. */
export interface RelayEndpoint {
  url: string;
  adminToken: string;
}

/** Stable codes a renderer can match on. */
export type IpcErrorCode = 'SENDER_NOT_ALLOWED' | 'URL_NOT_ALLOWED' | 'OPEN_FAILED';

/**
 * The answer of a channel that acts: a thrown error would reach the renderer as its message
 * only, so failures travel as data.
 */
export type IpcOutcome = { ok: true } | { ok: false; code: IpcErrorCode; message: string };

/** Arguments and result of every channel. */
export interface IpcContract {
  'relay:get-endpoint': { args: []; result: RelayEndpoint };
  'app:get-version': { args: []; result: string };
  /** Opens an https link on the allowlist in the OS browser. */
  'shell:open-external': { args: [url: string]; result: IpcOutcome };
  /** Shows the data folder (config.yaml, switchboard.db) in the file manager. */
  'shell:reveal-data-folder': { args: []; result: IpcOutcome };
}

export type IpcArgs<C extends IpcChannel> = IpcContract[C]['args'];
export type IpcResult<C extends IpcChannel> = IpcContract[C]['result'];

/** What the preload exposes to the renderer as `window.switchboard`, and nothing more. */
export type SwitchboardApi = {
  readonly [Name in IpcApiName]: (
    ...args: IpcArgs<(typeof ipcChannels)[Name]>
  ) => Promise<IpcResult<(typeof ipcChannels)[Name]>>;
};
