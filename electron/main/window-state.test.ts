import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSettingsFile } from './desktop-settings.js';
import { restoreWindowBounds, trackWindowState } from './window-state.js';
import type { Rectangle, TrackedWindow, WindowState } from './window-state.js';

const limits = { width: 1280, height: 800, minWidth: 900, minHeight: 600 };
const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const monitorRight = { x: 1440, y: -200, width: 2560, height: 1400 };

describe('restoring the window', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(restoreWindowBounds(undefined, [laptop], limits)).toEqual({
      bounds: { width: 1280, height: 800 },
      maximized: false,
    });
  });

  it('reopens where it was, on the second monitor, maximized or not', () => {
    const saved = { x: 2000, y: 100, width: 1600, height: 1000, maximized: true };
    expect(restoreWindowBounds(saved, [laptop, monitorRight], limits)).toEqual({
      bounds: { x: 2000, y: 100, width: 1600, height: 1000 },
      maximized: true,
    });
  });

  it('centres on the primary display when the monitor it was on is unplugged', () => {
    const saved = { x: 2000, y: 100, width: 1600, height: 1000, maximized: false };
    expect(restoreWindowBounds(saved, [laptop], limits).bounds).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 875,
    });
    const small = { ...saved, width: 1000, height: 700 };
    expect(restoreWindowBounds(small, [laptop], limits).bounds).toEqual({
      x: 220,
      y: 88,
      width: 1000,
      height: 700,
    });
  });

  it('pulls a window hanging off the edge back on screen, title bar included', () => {
    const hanging = { x: 1200, y: -50, width: 1000, height: 700, maximized: false };
    const { bounds } = restoreWindowBounds(hanging, [laptop], limits);
    expect(bounds).toEqual({ x: 440, y: 0, width: 1000, height: 700 });
  });

  it('never opens below the minimum size, nor larger than the display', () => {
    const tiny = { x: 10, y: 10, width: 200, height: 100, maximized: false };
    expect(restoreWindowBounds(tiny, [laptop], limits).bounds).toMatchObject({ width: 900, height: 600 });
    const huge = { x: 0, y: 0, width: 5000, height: 3000, maximized: false };
    expect(restoreWindowBounds(huge, [laptop], limits).bounds).toEqual(laptop);
  });
});

describe('remembering the window', () => {
  function fakeWindow() {
    const listeners = new Map<string, () => void>();
    let bounds: Rectangle = { x: 10, y: 20, width: 1300, height: 820 };
    let maximized = false;
    const window: TrackedWindow = {
      on: (event, listener) => listeners.set(event, listener),
      getNormalBounds: () => bounds,
      isMaximized: () => maximized,
    };
    const fire = (event: string) => listeners.get(event)!();
    return {
      window,
      fire,
      moveTo: (next: Rectangle) => (bounds = next),
      maximize: () => (maximized = true),
    };
  }

  it('saves once a drag settles, and on close at once', () => {
    const fake = fakeWindow();
    const saved: WindowState[] = [];
    const timers: Array<() => void> = [];
    trackWindowState(fake.window, (state) => saved.push(state), {
      setTimeout: (run) => timers.push(run),
      clearTimeout: (handle) => (timers[(handle as number) - 1] = () => undefined),
    });
    for (let x = 10; x < 100; x += 10) {
      fake.moveTo({ x, y: 20, width: 1300, height: 820 });
      fake.fire('move');
    }
    expect(saved).toEqual([]);
    timers.forEach((run) => run());
    expect(saved).toEqual([{ x: 90, y: 20, width: 1300, height: 820, maximized: false }]);

    fake.maximize();
    fake.fire('resize');
    fake.fire('close');
    expect(saved.at(-1)).toEqual({ x: 90, y: 20, width: 1300, height: 820, maximized: true });
    expect(saved).toHaveLength(2);
  });
});

describe('desktop settings file', () => {
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-settings-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps the window state and choices across launches', () => {
    const path = join(folder, 'nested', 'desktop.json');
    expect(openSettingsFile(path).read()).toEqual({});
    openSettingsFile(path).update({ window: { x: 1, y: 2, width: 1300, height: 820, maximized: false } });
    const reopened = openSettingsFile(path);
    reopened.update({ envKeyImport: 'declined' });
    expect(openSettingsFile(path).read()).toEqual({
      window: { x: 1, y: 2, width: 1300, height: 820, maximized: false },
      envKeyImport: 'declined',
    });
  });

  it('starts from defaults when the file was hand-broken, saying so', () => {
    const path = join(folder, 'broken.json');
    writeFileSync(path, '{"window": {"x": "left"}');
    const logs: string[] = [];
    const settings = openSettingsFile(path, (line) => logs.push(line));
    expect(settings.read()).toEqual({});
    expect(logs.join()).toContain('not valid');
    settings.update({ envKeyImport: 'imported' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ envKeyImport: 'imported' });
  });
});
