/**
 * Electron main process: thin wiring of the modules beside it, which take Electron's pieces as
 * parameters and are tested in plain Node. One instance only (two would fight over the port). The
 * relay runs in a utility process that relay-supervisor keeps alive on one port; the window shows
 * the relay's own /ui with the admin token in the fragment; the tray keeps the relay reachable
 * while the window is closed.
 *
 * Runs bundled (scripts/start-desktop.mjs): dist/electron/main.js beside preload.cjs and
 * relay-process.js.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  screen,
  session,
  shell,
  Tray,
  utilityProcess,
} from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
// relay-core's config and secrets directly, not its index: main must not load the relay itself
import { defaultHome } from '../../relay-core/src/config/default-home.js';
import { configFileName, loadConfig } from '../../relay-core/src/config/load-config.js';
import { updateConfigFile } from '../../relay-core/src/config/update-config.js';
import { createSecretStore } from '../../relay-core/src/secrets/create-secret-store.js';
import { createEncryptedFileStore } from '../../relay-core/src/secrets/encrypted-file-store.js';
import { createKeytarStore } from '../../relay-core/src/secrets/keytar-store.js';
import { createAppMenuTemplate } from './app-menu.js';
import { installContentSecurityPolicy } from './content-security-policy.js';
import { loadDesktopClientKey } from './desktop-client-key.js';
import { openSettingsFile } from './desktop-settings.js';
import { installGracefulQuit } from './graceful-quit.js';
import { describeEnvKeyImport, importEnvKeysOnFirstStart } from './import-env-keys.js';
import { registerIpcHandlers } from './ipc-handlers.js';
import { createLaunchAtLogin, startHiddenArgument } from './launch-at-login.js';
import { installNavigationGuard } from './navigation-guard.js';
import { createRelaySupervisor } from './relay-supervisor.js';
import type { RelayStatus, RelaySupervisor } from './relay-supervisor.js';
import { bringWindowForward, claimSingleInstance } from './single-instance.js';
import { spawnUtilityRelay } from './spawn-relay.js';
import { suggestPort } from './suggest-port.js';
import { createTrayMenu, describeRelayStatus, toMenuTemplate } from './tray-menu.js';
import { createWindowOptions } from './window-options.js';
import { restoreWindowBounds, trackWindowState } from './window-state.js';

const here = dirname(fileURLToPath(import.meta.url));
const preloadPath = join(here, 'preload.cjs');
const relayEntry = join(here, 'relay-process.js');
const home = defaultHome(process.env, process.platform);
const log = (line: string) => console.error(line);

let window: BrowserWindow | undefined;
let tray: Tray | undefined;
let supervisor: RelaySupervisor | undefined;
let lastRunning: Extract<RelayStatus, { state: 'running' }> | undefined;
let clientKey: string | undefined;
let configPath: string | undefined;
let port = 4141;

const settings = openSettingsFile(join(app.getPath('userData'), 'desktop.json'), log);
const launchAtLogin = createLaunchAtLogin({
  platform: process.platform,
  app,
  executable: process.env.APPIMAGE ?? process.execPath,
  autostartFolder: join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart'),
});
const appOrigin = () => new URL(lastRunning?.url ?? `http://127.0.0.1:${port}`).origin;

function loadUi(target: BrowserWindow): void {
  if (!lastRunning) return;
  void target.loadURL(`${lastRunning.url}/ui/#token=${encodeURIComponent(lastRunning.adminToken)}`);
}

function createWindow(): BrowserWindow {
  const options = createWindowOptions(preloadPath);
  const primary = screen.getPrimaryDisplay();
  const displays = [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)];
  const { bounds, maximized } = restoreWindowBounds(
    settings.read().window,
    displays.map((display) => display.workArea),
    {
      width: options.width ?? 1280,
      height: options.height ?? 800,
      minWidth: options.minWidth ?? 900,
      minHeight: options.minHeight ?? 600,
    },
  );
  const created = new BrowserWindow({ ...options, ...bounds });
  trackWindowState(created, (state) => settings.update({ window: state }));
  created.once('ready-to-show', () => {
    if (maximized) created.maximize();
    created.show();
  });
  created.on('closed', () => {
    if (window === created) window = undefined;
  });
  if (lastRunning) loadUi(created);
  else created.show();
  return created;
}

const showWindow = () => void (window = bringWindowForward(window, createWindow));

async function offerAnotherPort(taken: number, message: string): Promise<void> {
  const suggested = await suggestPort(taken);
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    message: `Port ${taken} is already in use`,
    detail: suggested ? `${message}\n\nSwitchboard can listen on port ${suggested} instead.` : message,
    buttons: suggested ? [`Use port ${suggested}`, 'Not now'] : ['OK'],
    defaultId: 0,
    cancelId: suggested ? 1 : 0,
  });
  if (response !== 0 || !suggested) return;
  port = suggested;
  supervisor?.usePort(suggested);
  try {
    // config.yaml stays the one place the port is set, for `npm run relay` too
    if (configPath) updateConfigFile(configPath, (document) => document.setIn(['server', 'port'], suggested));
  } catch (error) {
    log(`switchboard: could not save port ${suggested} to config.yaml: ${String(error)}`);
  }
}

function refreshTray(): void {
  const status = supervisor?.status() ?? { state: 'stopped', port };
  if (!tray) return;
  tray.setToolTip(`Switchboard: ${describeRelayStatus(status)}`);
  const items = createTrayMenu({
    relay: status,
    hasClientKey: clientKey !== undefined,
    launchAtLogin: { supported: launchAtLogin.supported, enabled: launchAtLogin.isEnabled() },
  });
  const template = toMenuTemplate(items, {
    'copy-endpoint': () => lastRunning && clipboard.writeText(lastRunning.url),
    'copy-client-key': () => clientKey && clipboard.writeText(clientKey),
    pause: () => void supervisor?.pause(),
    resume: () => supervisor?.resume(),
    'use-other-port': () =>
      void offerAnotherPort(status.port, status.state === 'port-in-use' ? status.message : ''),
    open: showWindow,
    'toggle-launch-at-login': () => {
      launchAtLogin.setEnabled(!launchAtLogin.isEnabled());
      refreshTray();
    },
    quit: () => app.quit(),
  });
  tray.setContextMenu(Menu.buildFromTemplate(template as MenuItemConstructorOptions[]));
}

function onRelayStatus(status: RelayStatus, startHidden: boolean): void {
  if (status.state === 'running') {
    lastRunning = status;
    port = status.port;
    // a restarted relay has a new admin token: the window reloads with it
    if (window && !window.isDestroyed()) loadUi(window);
    else if (!startHidden && !window) window = createWindow();
  } else if (status.state === 'port-in-use') {
    void offerAnotherPort(status.port, status.message);
  } else if (status.state === 'failed') {
    dialog.showErrorBox('The Switchboard relay stopped', status.message);
  }
  refreshTray();
}

async function askToImportEnvKeys(): Promise<void> {
  const secrets = await createSecretStore({ home, env: process.env, onWarning: log });
  const result = await importEnvKeysOnFirstStart({
    secrets,
    env: process.env,
    settings,
    ask: async (found, destination) =>
      (
        await dialog.showMessageBox({
          type: 'question',
          message: 'Store provider keys from environment variables?',
          detail: describeEnvKeyImport(found, destination),
          buttons: ['Store keys', 'Not now'],
          defaultId: 0,
          cancelId: 1,
        })
      ).response === 0,
  });
  if (result.outcome === 'imported' && result.failed.length > 0) {
    const lines = result.failed.map(({ provider, message }) => `${provider}: ${message}`);
    dialog.showErrorBox('Some keys were not stored', lines.join('\n'));
  }
}

async function start(): Promise<void> {
  const startHidden =
    process.argv.includes(startHiddenArgument) ||
    (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      createAppMenuTemplate(process.platform, app.isPackaged, {
        revealDataFolder: () => void shell.openPath(home),
      }),
    ),
  );
  installContentSecurityPolicy(session.defaultSession.webRequest, appOrigin);
  app.on('web-contents-created', (_event, contents) => {
    installNavigationGuard(contents, appOrigin, (url) => void shell.openExternal(url));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  registerIpcHandlers(ipcMain, {
    appOrigin,
    endpoint: () => ({ url: lastRunning?.url ?? appOrigin(), adminToken: lastRunning?.adminToken ?? '' }),
    appVersion: () => app.getVersion(),
    dataFolder: () => home,
    openExternal: (url) => shell.openExternal(url),
    openPath: (path) => shell.openPath(path),
  });

  try {
    // on a first start the relay process writes config.yaml, with the providers the machine has
    if (existsSync(join(home, configFileName))) {
      const loaded = loadConfig(home, process.env);
      port = loaded.config.server.port;
      configPath = loaded.path;
    } else {
      configPath = join(home, configFileName);
      port = Number(process.env.SWITCHBOARD_PORT) || port;
    }
  } catch (error) {
    // the relay process reports the same problem, with the path and line, as a failed start
    log(`switchboard: ${String(error)}`);
  }
  await askToImportEnvKeys().catch((error: unknown) =>
    log(`switchboard: key import failed: ${String(error)}`),
  );
  try {
    const keyStore =
      (await createKeytarStore({ service: 'Switchboard Desktop' })) ??
      createEncryptedFileStore(join(app.getPath('userData'), 'desktop-key'), process.env);
    clientKey = process.env.SWITCHBOARD_API_KEY?.trim() || (await loadDesktopClientKey(keyStore));
  } catch (error) {
    log(`switchboard: no client key for the tray: ${String(error)}`);
  }

  tray = new Tray(
    nativeImage
      .createFromPath(join(app.getAppPath(), 'resources', 'icons', 'icon.png'))
      .resize({ width: 16 }),
  );
  tray.on('click', showWindow);
  supervisor = createRelaySupervisor({
    port,
    log,
    spawn: spawnUtilityRelay(utilityProcess, {
      entry: relayEntry,
      args: ['--ui-root', join(app.getAppPath(), 'dist', 'renderer')],
      env: clientKey ? { ...process.env, SWITCHBOARD_API_KEY: clientKey } : process.env,
    }),
    onStatus: (status) => onRelayStatus(status, startHidden),
  });
  installGracefulQuit(app, { close: () => supervisor!.stop() }, { timeoutMs: 8000 });
  supervisor.start();
  app.on('activate', showWindow);
}

if (claimSingleInstance(app, showWindow)) {
  // the relay keeps serving local tools from the tray while no window is open
  app.on('window-all-closed', () => undefined);
  void app.whenReady().then(start);
}
