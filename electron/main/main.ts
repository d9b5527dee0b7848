/**
 * Electron main process: thin wiring over modules tested in plain Node. Single instance (two
 * would fight over the port), the relay started in-process for now (the supervised utility
 * process comes with the desktop-shell issue), the UI loaded from the relay's /ui.
 */
import { app, BrowserWindow, ipcMain, shell } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { fileURLToPath } from 'node:url';
import { startRelay } from '../../relay-core/src/index.js';
import type { RelayHandle } from '../../relay-core/src/index.js';
import { ipcChannels } from '../shared/ipc-channels.js';
import type { IpcResult } from '../shared/ipc-channels.js';
import { installNavigationGuard, isAllowedExternal } from './navigation-guard.js';
import { isTrustedSender } from './validate-ipc-sender.js';
import { windowWebPreferences } from './window-options.js';

let relay: RelayHandle | undefined;
let window: BrowserWindow | undefined;

function createWindow(handle: RelayHandle): BrowserWindow {
  const created = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'Switchboard',
    webPreferences: windowWebPreferences(fileURLToPath(new URL('../preload/preload.js', import.meta.url))),
  });
  installNavigationGuard(
    created.webContents,
    new URL(handle.url).origin,
    (url) => void shell.openExternal(url),
  );
  void created.loadURL(`${handle.url}/ui/#token=${handle.adminToken}`);
  return created;
}

function registerIpc(handle: RelayHandle): void {
  const origin = new URL(handle.url).origin;
  const guarded =
    <T>(run: (...args: unknown[]) => T | Promise<T>) =>
    async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<IpcResult<T>> => {
      if (!isTrustedSender(event.senderFrame, origin))
        return { ok: false, code: 'FORBIDDEN', message: 'untrusted sender' };
      try {
        return { ok: true, value: await run(...args) };
      } catch (error) {
        return { ok: false, code: 'FAILED', message: error instanceof Error ? error.message : String(error) };
      }
    };
  ipcMain.handle(
    ipcChannels.getRelayEndpoint,
    guarded(() => ({ url: handle.url, adminToken: handle.adminToken })),
  );
  ipcMain.handle(
    ipcChannels.getAppVersion,
    guarded(() => app.getVersion()),
  );
  ipcMain.handle(
    ipcChannels.openExternal,
    guarded(async (url) => {
      if (typeof url !== 'string' || !isAllowedExternal(url))
        throw new Error('that link is not on the allowlist');
      await shell.openExternal(url);
      return null;
    }),
  );
  ipcMain.handle(
    ipcChannels.revealDataFolder,
    guarded(async () => {
      await shell.openPath(handle.home);
      return null;
    }),
  );
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  void app.whenReady().then(async () => {
    relay = await startRelay({});
    registerIpc(relay);
    window = createWindow(relay);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    if (!relay) return;
    event.preventDefault();
    const closing = relay;
    relay = undefined;
    // graceful quit: the history writer flushes before the process ends
    void closing.close().finally(() => app.quit());
  });
}
