/**
 * The one definition of IPC channels and payloads, shared by main and preload (model: bruno's
 * shared ipc.ts). Across IPC a failure is `{ ok: false, code, message }`: a thrown Error would
 * lose everything but its message.
 */
export const ipcChannels = {
  getRelayEndpoint: 'relay:get-endpoint',
  getAppVersion: 'app:get-version',
  openExternal: 'shell:open-external',
  revealDataFolder: 'shell:reveal-data-folder',
} as const;

export type IpcChannel = (typeof ipcChannels)[keyof typeof ipcChannels];

export type IpcResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export interface RelayEndpoint {
  url: string;
  adminToken: string;
}

/** What the preload exposes to the renderer as `window.switchboard`, and nothing more. */
export interface SwitchboardApi {
  getRelayEndpoint(): Promise<IpcResult<RelayEndpoint>>;
  getAppVersion(): Promise<IpcResult<string>>;
  openExternal(url: string): Promise<IpcResult<null>>;
  revealDataFolder(): Promise<IpcResult<null>>;
}
