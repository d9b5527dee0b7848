import { describe, expect, it } from 'vitest';
import { bringWindowForward, claimSingleInstance } from './single-instance.js';
import type { FocusableWindow, SingleInstanceApp } from './single-instance.js';

/** Two launches of the app sharing one lock, as Electron's requestSingleInstanceLock does. */
function twoLaunches() {
  let held = false;
  const secondLaunchListeners: Array<() => void> = [];
  const launch = () => {
    const process = { quit: false };
    const app: SingleInstanceApp = {
      requestSingleInstanceLock: () => {
        if (held) {
          secondLaunchListeners.forEach((listener) => listener());
          return false;
        }
        held = true;
        return true;
      },
      on: (_event, listener) => secondLaunchListeners.push(listener),
      quit: () => void (process.quit = true),
    };
    return { app, process };
  };
  return launch;
}

function fakeWindow(state: { minimized?: boolean; visible?: boolean; destroyed?: boolean } = {}) {
  const calls: string[] = [];
  const window: FocusableWindow & { calls: string[] } = {
    calls,
    isDestroyed: () => state.destroyed ?? false,
    isMinimized: () => state.minimized ?? false,
    restore: () => void calls.push('restore'),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
  };
  return window;
}

describe('single instance', () => {
  it('lets the first launch run; a second launch quits and focuses the first one’s window', () => {
    const launch = twoLaunches();
    const first = launch();
    const focused: string[] = [];
    expect(claimSingleInstance(first.app, () => focused.push('first'))).toBe(true);
    expect(first.process.quit).toBe(false);

    const second = launch();
    expect(claimSingleInstance(second.app, () => focused.push('second'))).toBe(false);
    expect(second.process.quit).toBe(true);
    expect(focused).toEqual(['first']);
  });

  it('restores a minimized window, shows a hidden one, and reopens a closed one', () => {
    const minimized = fakeWindow({ minimized: true });
    expect(bringWindowForward(minimized, () => fakeWindow())).toBe(minimized);
    expect(minimized.calls).toEqual(['restore', 'show', 'focus']);

    const hidden = fakeWindow();
    bringWindowForward(hidden, () => fakeWindow());
    expect(hidden.calls).toEqual(['show', 'focus']);

    const reopened = fakeWindow();
    expect(bringWindowForward(fakeWindow({ destroyed: true }), () => reopened)).toBe(reopened);
    expect(bringWindowForward(undefined, () => reopened)).toBe(reopened);
    expect(reopened.calls).toEqual(['show', 'focus', 'show', 'focus']);
  });
});
