/** The part of Electron's `app` the lock needs. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: () => void): unknown;
  quit(): void;
}

/** The part of a BrowserWindow that bringing it forward needs. */
export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/**
 * Takes the single-instance lock: two instances would fight over the relay's port and database.
 * A second launch quits at once; the first is told (`onSecondLaunch`) and brings its window up.
 * Returns whether this process is the one that runs.
 */
export function claimSingleInstance(app: SingleInstanceApp, onSecondLaunch: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', onSecondLaunch);
  return true;
}

/**
 * Brings the app window to the front: restored when minimized, shown when hidden in the tray,
 * opened anew when it was closed. Returns the window now shown.
 */
export function bringWindowForward<W extends FocusableWindow>(window: W | undefined, open: () => W): W {
  const shown = window && !window.isDestroyed() ? window : open();
  if (shown.isMinimized()) shown.restore();
  shown.show();
  shown.focus();
  return shown;
}
