import { describe, expect, it } from 'vitest';
import type { RelayStatus } from './relay-supervisor.js';
import { createTrayMenu, describeRelayStatus, toMenuTemplate } from './tray-menu.js';
import type { TrayAction, TrayMenuItem, TrayMenuState } from './tray-menu.js';

const running: RelayStatus = {
  state: 'running',
  port: 4141,
  url: 'http://127.0.0.1:4141',
  adminToken: 'admin',
  home: '/home/me/.config/Switchboard',
};

function menu(relay: RelayStatus, overrides: Partial<TrayMenuState> = {}) {
  return createTrayMenu({
    relay,
    hasClientKey: true,
    launchAtLogin: { supported: true, enabled: false },
    ...overrides,
  });
}

/** What a user reads: each line's label, `(off)` when greyed out, `[x]`/`[ ]` for checkboxes. */
function render(items: TrayMenuItem[]): string[] {
  return items.map((item) => {
    if (item.type === 'separator') return '---';
    const box = item.type === 'checkbox' ? (item.checked ? '[x] ' : '[ ] ') : '';
    return `${box}${item.label}${item.enabled ? '' : ' (off)'}`;
  });
}

describe('tray menu model', () => {
  it('shows a running relay with its URL and every action available', () => {
    expect(render(menu(running))).toEqual([
      'Relay running on http://127.0.0.1:4141 (off)',
      '---',
      'Copy endpoint URL',
      'Copy client key',
      '---',
      'Pause relay',
      'Open Switchboard',
      '[ ] Launch at login',
      '---',
      'Quit Switchboard',
    ]);
  });

  it('offers resume when paused, and nothing to copy while nothing listens', () => {
    const lines = render(menu({ state: 'paused', port: 4141 }));
    expect(lines[0]).toBe('Relay paused (port 4141 closed) (off)');
    expect(lines).toContain('Copy endpoint URL (off)');
    expect(lines).toContain('Copy client key (off)');
    expect(lines).toContain('Resume relay');
    expect(lines).not.toContain('Pause relay');
  });

  it('says the port is taken and offers another one', () => {
    const lines = render(menu({ state: 'port-in-use', port: 4141, message: 'taken' }));
    expect(lines[0]).toBe('Port 4141 is used by another program (off)');
    expect(lines).toContain('Use another port…');
    expect(lines).not.toContain('Pause relay');
  });

  it('shows a crash and its restart countdown, and a failure with resume', () => {
    expect(describeRelayStatus({ state: 'restarting', port: 4141, delayMs: 500, crashes: 1 })).toBe(
      'Relay crashed; restarting in 500 ms',
    );
    expect(describeRelayStatus({ state: 'restarting', port: 4141, delayMs: 4000, crashes: 4 })).toBe(
      'Relay crashed; restarting in 4 s',
    );
    expect(render(menu({ state: 'failed', port: 4141, message: 'bad config' }))).toContain('Resume relay');
    expect(describeRelayStatus({ state: 'starting', port: 4141 })).toBe('Relay starting on port 4141…');
  });

  it('greys out the key without one, and hides launch at login where the OS has none', () => {
    const lines = render(
      menu(running, { hasClientKey: false, launchAtLogin: { supported: false, enabled: false } }),
    );
    expect(lines).toContain('Copy client key (off)');
    expect(lines.some((line) => line.includes('Launch at login'))).toBe(false);
    expect(render(menu(running, { launchAtLogin: { supported: true, enabled: true } }))).toContain(
      '[x] Launch at login',
    );
  });

  it('binds each clickable item to its handler and leaves the status line inert', () => {
    const clicked: TrayAction[] = [];
    const handlers = new Proxy({} as Record<TrayAction, () => void>, {
      get: (_target, action) => () => clicked.push(action as TrayAction),
    });
    const template = toMenuTemplate(menu(running), handlers);
    expect(template[0]).toEqual({
      type: 'normal',
      label: 'Relay running on http://127.0.0.1:4141',
      enabled: false,
    });
    for (const item of template) item.click?.();
    expect(clicked).toEqual([
      'copy-endpoint',
      'copy-client-key',
      'pause',
      'open',
      'toggle-launch-at-login',
      'quit',
    ]);
  });
});
