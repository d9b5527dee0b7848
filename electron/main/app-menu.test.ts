import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createAppMenuTemplate } from './app-menu.js';

function roles(template: MenuItemConstructorOptions[]): string[] {
  return template.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

const noActions = { revealDataFolder: () => undefined };

describe('application menu', () => {
  it('has the macOS app menu with Quit there, and Quit under File elsewhere', () => {
    const mac = createAppMenuTemplate('darwin', true, noActions);
    expect(mac[0]?.label).toBe('Switchboard');
    expect(roles([mac[0]!])).toContain('quit');
    const windows = createAppMenuTemplate('win32', true, noActions);
    expect(windows.map((item) => item.label ?? item.role)).toEqual(['File', 'Edit', 'View', 'windowMenu']);
    expect(roles([windows[0]!])).toContain('quit');
  });

  it('keeps copy and paste working in the window on every OS', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(roles(createAppMenuTemplate(platform, true, noActions))).toEqual(
        expect.arrayContaining(['copy', 'paste', 'cut', 'selectAll', 'undo']),
      );
    }
  });

  it('offers developer tools only outside a packaged app', () => {
    expect(roles(createAppMenuTemplate('linux', true, noActions))).not.toContain('toggleDevTools');
    expect(roles(createAppMenuTemplate('linux', false, noActions))).toContain('toggleDevTools');
  });

  it('reveals the data folder from File', () => {
    const done: string[] = [];
    const template = createAppMenuTemplate('linux', true, { revealDataFolder: () => done.push('reveal') });
    const all = template.flatMap((item) => (Array.isArray(item.submenu) ? item.submenu : []));
    for (const item of all) (item.click as (() => void) | undefined)?.();
    expect(done).toEqual(['reveal']);
  });
});
