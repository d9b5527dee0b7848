import { ipcChannels } from '../shared/ipc-channels.js';
import type { IpcArgs, IpcChannel, IpcResult, SwitchboardApi } from '../shared/ipc-channels.js';

/** `ipcRenderer.invoke`, narrowed to the channels of the contract. */
export type Invoke = <C extends IpcChannel>(channel: C, ...args: IpcArgs<C>) => Promise<IpcResult<C>>;

/**
 * The renderer's API: four named functions over fixed channels, never a generic invoke. Arguments
 * are coerced here so a page cannot smuggle objects with getters across the bridge.
 */
export function createPreloadApi(invoke: Invoke): SwitchboardApi {
  return Object.freeze({
    getRelayEndpoint: () => invoke(ipcChannels.getRelayEndpoint),
    getAppVersion: () => invoke(ipcChannels.getAppVersion),
    openExternal: (url: string) => invoke(ipcChannels.openExternal, String(url)),
    revealDataFolder: () => invoke(ipcChannels.revealDataFolder),
  });
}
