import { ipcChannels } from '../shared/ipc-channels.js';
import type { IpcChannel, IpcOutcome, IpcResult, RelayEndpoint } from '../shared/ipc-channels.js';
import { currentOrigin } from './app-origin.js';
import type { AppOrigin } from './app-origin.js';
import { openAllowedExternal } from './external-links.js';
import { isTrustedSender } from './validate-ipc-sender.js';
import type { SenderFrame } from './validate-ipc-sender.js';

/** The part of Electron's `ipcMain` used here. */
export interface IpcRegistry {
  handle(
    channel: string,
    listener: (event: { senderFrame: SenderFrame | null }, ...args: unknown[]) => Promise<unknown>,
  ): void;
}

/** What the handlers answer with; Electron's own functions are passed in by main.ts. */
export interface IpcHandlerDeps {
  appOrigin: AppOrigin;
  endpoint(): RelayEndpoint;
  appVersion(): string;
  dataFolder(): string;
  /** `shell.openExternal` */
  openExternal(url: string): Promise<void>;
  /** `shell.openPath`: resolves to '' on success, else an error message. */
  openPath(path: string): Promise<string>;
}

type Handlers = { [C in IpcChannel]: (...args: unknown[]) => Promise<IpcResult<C>> };

/** One handler per channel of the contract; arguments are untrusted and checked here. */
export function createIpcHandlers(deps: IpcHandlerDeps): Handlers {
  return {
    [ipcChannels.getRelayEndpoint]: async () => deps.endpoint(),
    [ipcChannels.getAppVersion]: async () => deps.appVersion(),
    [ipcChannels.openExternal]: (url: unknown) => openAllowedExternal(url, deps.openExternal),
    [ipcChannels.revealDataFolder]: async (): Promise<IpcOutcome> => {
      const problem = await deps.openPath(deps.dataFolder());
      return problem === '' ? { ok: true } : { ok: false, code: 'OPEN_FAILED', message: problem };
    },
  };
}

/**
 * Registers every handler behind the sender check. A frame from another origin is not a caller
 * to inform, so it gets a rejection carrying no data rather than an outcome.
 */
export function registerIpcHandlers(registry: IpcRegistry, deps: IpcHandlerDeps): void {
  for (const [channel, handler] of Object.entries(createIpcHandlers(deps))) {
    registry.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event.senderFrame, currentOrigin(deps.appOrigin))) {
        throw new Error(`${channel}: sender not allowed`);
      }
      return handler(...args);
    });
  }
}
