import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAutostartEntry, createLaunchAtLogin } from './launch-at-login.js';
import type { LoginItemApp } from './launch-at-login.js';

const folder = mkdtempSync(join(tmpdir(), 'switchboard-autostart-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function fakeApp() {
  let settings: { openAtLogin: boolean; args?: string[] } = { openAtLogin: false };
  const app: LoginItemApp = {
    getLoginItemSettings: () => ({ openAtLogin: settings.openAtLogin }),
    setLoginItemSettings: (next) => void (settings = next),
  };
  return { app, settings: () => settings };
}

describe('launch at login', () => {
  it('uses the OS login items on macOS and Windows, starting hidden in the tray', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const fake = fakeApp();
      const login = createLaunchAtLogin({
        platform,
        app: fake.app,
        executable: '/Applications/Switchboard.app',
      });
      expect(login.supported).toBe(true);
      expect(login.isEnabled()).toBe(false);
      login.setEnabled(true);
      expect(login.isEnabled()).toBe(true);
      expect(fake.settings()).toEqual({ openAtLogin: true, args: ['--hidden'] });
      login.setEnabled(false);
      expect(login.isEnabled()).toBe(false);
    }
  });

  it('writes and removes an XDG autostart entry on Linux', () => {
    const autostart = join(folder, 'autostart');
    const login = createLaunchAtLogin({
      platform: 'linux',
      app: fakeApp().app,
      executable: '/home/me/Apps/Switchboard 0.1.0.AppImage',
      autostartFolder: autostart,
    });
    expect(login.isEnabled()).toBe(false);
    login.setEnabled(true);
    expect(login.isEnabled()).toBe(true);
    const entry = readFileSync(join(autostart, 'switchboard.desktop'), 'utf8');
    expect(entry).toContain('Exec="/home/me/Apps/Switchboard 0.1.0.AppImage" --hidden\n');
    expect(entry.startsWith('[Desktop Entry]\nType=Application\n')).toBe(true);
    login.setEnabled(false);
    expect(login.isEnabled()).toBe(false);
    login.setEnabled(false);
  });

  it('quotes what the desktop entry spec reserves, and leaves plain paths bare', () => {
    expect(createAutostartEntry('/opt/Switchboard/switchboard')).toContain(
      'Exec=/opt/Switchboard/switchboard --hidden',
    );
    expect(createAutostartEntry('/tmp/a$b"c')).toContain('Exec="/tmp/a\\$b\\"c" --hidden');
  });

  it('says it is unsupported where there is no way to do it', () => {
    const login = createLaunchAtLogin({ platform: 'freebsd', app: fakeApp().app, executable: '/x' });
    expect(login.supported).toBe(false);
    login.setEnabled(true);
    expect(login.isEnabled()).toBe(false);
  });
});
