/**
 * Electron main process: thin wiring of the modules beside it, which take Electron's pieces as
 * parameters and are tested in plain Node. One instance only (two would fight over the port);
 * the relay runs in this process for now (the supervised utility process of DESIGN.md §7 comes
 * with the tray); the window shows the relay's own /ui with the admin token in the fragment.
 *
 * Runs bundled (scripts/start-desktop.mjs): dist/electron/main.js beside dist/electron/preload.cjs.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { startRelay } from '../../relay-core/src/index.js';
import type { RelayHandle } from '../../relay-core/src/index.js';
import { installContentSecurityPolicy } from './content-security-policy.js';
import { installGracefulQuit } from './graceful-quit.js';
import { registerIpcHandlers } from './ipc-handlers.js';
import { installNavigationGuard } from './navigation-guard.js';
import { createWindowOptions } from './window-options.js';

const preloadPath = join(dirname(fileURLToPath(import.meta.url)), 'preload.cjs');
let window: BrowserWindow | undefined;

function openWindow(relay: RelayHandle): BrowserWindow {
  const created = new BrowserWindow(createWindowOptions(preloadPath));
  created.once('ready-to-show', () => created.show());
  created.on('closed', () => {
    if (window === created) window = undefined;
  });
  void created.loadURL(`${relay.url}/ui/#token=${encodeURIComponent(relay.adminToken)}`);
  return created;
}

function focusWindow(): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

async function start(): Promise<void> {
  let relay: RelayHandle;
  try {
    // the window loads the UI from the relay, so serve it from inside the app (or the asar)
    relay = await startRelay({ uiRoot: join(app.getAppPath(), 'dist', 'renderer') });
  } catch (error) {
    dialog.showErrorBox(
      'Switchboard could not start its relay',
      error instanceof Error ? error.message : String(error),
    );
    app.exit(1);
    return;
  }
  const appOrigin = new URL(relay.url).origin;
  installGracefulQuit(app, relay);
  installContentSecurityPolicy(session.defaultSession.webRequest, appOrigin);
  app.on('web-contents-created', (_event, contents) => {
    installNavigationGuard(contents, appOrigin, (url) => void shell.openExternal(url));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  registerIpcHandlers(ipcMain, {
    appOrigin,
    endpoint: () => ({ url: relay.url, adminToken: relay.adminToken }),
    appVersion: () => app.getVersion(),
    dataFolder: () => relay.home,
    openExternal: (url) => shell.openExternal(url),
    openPath: (path) => shell.openPath(path),
  });
  window = openWindow(relay);
  app.on('activate', () => {
    if (window) focusWindow();
    else window = openWindow(relay);
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusWindow);
  // the relay keeps serving local tools while the window is closed on macOS (the tray comes later)
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  void app.whenReady().then(start);
}
