import { ipcChannels } from '../shared/ipc-channels.js';
import type { IpcChannel, SwitchboardApi } from '../shared/ipc-channels.js';

export type Invoke = (channel: IpcChannel, ...args: unknown[]) => Promise<unknown>;

/** Builds the renderer's API: four named functions over fixed channels, never a generic invoke. */
export function createPreloadApi(invoke: Invoke): SwitchboardApi {
  return Object.freeze({
    getRelayEndpoint: () =>
      invoke(ipcChannels.getRelayEndpoint) as ReturnType<SwitchboardApi['getRelayEndpoint']>,
    getAppVersion: () => invoke(ipcChannels.getAppVersion) as ReturnType<SwitchboardApi['getAppVersion']>,
    openExternal: (url: string) =>
      invoke(ipcChannels.openExternal, String(url)) as ReturnType<SwitchboardApi['openExternal']>,
    revealDataFolder: () =>
      invoke(ipcChannels.revealDataFolder) as ReturnType<SwitchboardApi['revealDataFolder']>,
  });
}
