import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * Hardened webPreferences (DESIGN.md §6): the page gets no Node, runs sandboxed in its own
 * JavaScript world, and reaches main only through the preload's named functions.
 */
export function createWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  } as const satisfies WebPreferences;
}

/** The app window: sized for the history table at 1280×800. */
export function createWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    title: 'Switchboard',
    autoHideMenuBar: true,
    show: false,
    webPreferences: createWebPreferences(preloadPath),
  };
}
