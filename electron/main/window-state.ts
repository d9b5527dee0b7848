export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The window as it was last seen; `desktop.json` keeps it between launches. */
export interface WindowState extends Rectangle {
  maximized: boolean;
}

export interface WindowSizeLimits {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

function overlap(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(value, high));

/**
 * Where the window opens: the saved size and position, moved and shrunk as needed to lie wholly
 * on the display it overlapped most (the work areas of `screen.getAllDisplays()`, primary first).
 * A window saved on a display that is gone opens centred on the primary one; without a saved
 * state it opens at the default size, centred (no x and y).
 */
export function restoreWindowBounds(
  saved: WindowState | undefined,
  workAreas: Rectangle[],
  limits: WindowSizeLimits,
): { bounds: Partial<Rectangle> & { width: number; height: number }; maximized: boolean } {
  const primary = workAreas[0];
  if (!saved || !primary) return { bounds: { width: limits.width, height: limits.height }, maximized: false };
  let best: Rectangle | undefined;
  let bestOverlap = 0;
  for (const area of workAreas) {
    const shared = overlap(saved, area);
    if (shared > bestOverlap) [best, bestOverlap] = [area, shared];
  }
  const area = best ?? primary;
  const width = clamp(saved.width, Math.min(limits.minWidth, area.width), area.width);
  const height = clamp(saved.height, Math.min(limits.minHeight, area.height), area.height);
  const centred = !best;
  const x = centred ? area.x + Math.round((area.width - width) / 2) : saved.x;
  const y = centred ? area.y + Math.round((area.height - height) / 2) : saved.y;
  return {
    bounds: {
      x: clamp(x, area.x, area.x + area.width - width),
      y: clamp(y, area.y, area.y + area.height - height),
      width,
      height,
    },
    maximized: saved.maximized,
  };
}

/** The part of a BrowserWindow whose size and position are remembered. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'close', listener: () => void): unknown;
  /** The bounds it has when not maximized (so un-maximizing next time lands somewhere sane). */
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
}

export interface TrackOptions {
  /** Writes wait this long after the last move or resize (a drag fires dozens). Default 500 ms. */
  debounceMs?: number;
  setTimeout?: (run: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

/** Saves the window's state after it moves or resizes, and once more as it closes. */
export function trackWindowState(
  window: TrackedWindow,
  save: (state: WindowState) => void,
  options: TrackOptions = {},
): void {
  const {
    debounceMs = 500,
    setTimeout: schedule = (run, ms) => setTimeout(run, ms),
    clearTimeout: cancel = (handle) => clearTimeout(handle as NodeJS.Timeout),
  } = options;
  let pending: unknown;
  const saveNow = () => {
    if (pending !== undefined) cancel(pending);
    pending = undefined;
    save({ ...window.getNormalBounds(), maximized: window.isMaximized() });
  };
  const saveSoon = () => {
    if (pending !== undefined) cancel(pending);
    pending = schedule(saveNow, debounceMs);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('close', saveNow);
}
