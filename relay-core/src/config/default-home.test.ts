import { describe, expect, it } from 'vitest';
import { defaultHome } from './default-home.js';

describe('defaultHome', () => {
  it('prefers SWITCHBOARD_HOME on every platform', () => {
    expect(defaultHome({ SWITCHBOARD_HOME: '/data/sb', HOME: '/home/a' }, 'linux')).toBe('/data/sb');
    expect(defaultHome({ SWITCHBOARD_HOME: '/data/sb' }, 'darwin')).toBe('/data/sb');
  });

  it('follows XDG on Linux', () => {
    expect(defaultHome({ HOME: '/home/a' }, 'linux')).toBe('/home/a/.config/Switchboard');
    expect(defaultHome({ HOME: '/home/a', XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/Switchboard');
    expect(defaultHome({ HOME: '/home/a', XDG_CONFIG_HOME: '' }, 'linux')).toBe(
      '/home/a/.config/Switchboard',
    );
  });

  it('uses Application Support on macOS and APPDATA on Windows', () => {
    expect(defaultHome({ HOME: '/Users/a' }, 'darwin')).toBe(
      '/Users/a/Library/Application Support/Switchboard',
    );
    expect(
      defaultHome({ USERPROFILE: 'C:\\Users\\a', APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32'),
    ).toBe('C:\\Users\\a\\AppData\\Roaming\\Switchboard');
    expect(defaultHome({ USERPROFILE: 'C:\\Users\\b' }, 'win32')).toBe(
      'C:\\Users\\b\\AppData\\Roaming\\Switchboard',
    );
  });
});
