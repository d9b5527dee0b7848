import type { RelayStatus } from './relay-supervisor.js';

/** What a tray item does; main maps each to a handler (tray-menu stays free of Electron). */
export type TrayAction =
  | 'copy-endpoint'
  | 'copy-client-key'
  | 'pause'
  | 'resume'
  | 'use-other-port'
  | 'open'
  | 'toggle-launch-at-login'
  | 'quit';

export type TrayMenuItem =
  | { type: 'separator' }
  | { type: 'normal'; label: string; enabled: boolean; action?: TrayAction }
  | { type: 'checkbox'; label: string; enabled: boolean; checked: boolean; action: TrayAction };

export interface TrayMenuState {
  relay: RelayStatus;
  /** A client key main can copy (the desktop key in the keychain, or SWITCHBOARD_API_KEY). */
  hasClientKey: boolean;
  /** Where launching at login can be set, and whether it is on. */
  launchAtLogin: { supported: boolean; enabled: boolean };
}

/** The first line of the menu, also the tray icon's tooltip. */
export function describeRelayStatus(status: RelayStatus): string {
  switch (status.state) {
    case 'starting':
      return `Relay starting on port ${status.port}…`;
    case 'running':
      return `Relay running on ${status.url}`;
    case 'restarting':
      return `Relay crashed; restarting in ${formatDelay(status.delayMs)}`;
    case 'paused':
      return `Relay paused (port ${status.port} closed)`;
    case 'port-in-use':
      return `Port ${status.port} is used by another program`;
    case 'failed':
      return 'Relay stopped after an error';
    case 'stopped':
      return 'Relay stopped';
  }
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/**
 * The tray menu for a relay state: status, copy endpoint URL and client key, pause or resume,
 * open, launch at login, quit. Items that cannot work right now are shown disabled, not hidden,
 * so the menu keeps its shape.
 */
export function createTrayMenu(state: TrayMenuState): TrayMenuItem[] {
  const { relay } = state;
  const running = relay.state === 'running';
  const items: TrayMenuItem[] = [
    { type: 'normal', label: describeRelayStatus(relay), enabled: false },
    { type: 'separator' },
    { type: 'normal', label: 'Copy endpoint URL', enabled: running, action: 'copy-endpoint' },
    {
      type: 'normal',
      label: 'Copy client key',
      enabled: running && state.hasClientKey,
      action: 'copy-client-key',
    },
    { type: 'separator' },
  ];
  if (relay.state === 'port-in-use') {
    items.push({ type: 'normal', label: 'Use another port…', enabled: true, action: 'use-other-port' });
  } else if (relay.state === 'paused' || relay.state === 'failed') {
    items.push({ type: 'normal', label: 'Resume relay', enabled: true, action: 'resume' });
  } else {
    items.push({
      type: 'normal',
      label: 'Pause relay',
      enabled: relay.state !== 'stopped',
      action: 'pause',
    });
  }
  items.push({ type: 'normal', label: 'Open Switchboard', enabled: true, action: 'open' });
  if (state.launchAtLogin.supported) {
    items.push({
      type: 'checkbox',
      label: 'Launch at login',
      enabled: true,
      checked: state.launchAtLogin.enabled,
      action: 'toggle-launch-at-login',
    });
  }
  items.push(
    { type: 'separator' },
    { type: 'normal', label: 'Quit Switchboard', enabled: true, action: 'quit' },
  );
  return items;
}

/** Electron's MenuItemConstructorOptions, as far as the tray needs it. */
export interface MenuTemplateItem {
  type: 'normal' | 'separator' | 'checkbox';
  label?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
}

/** Binds the model's actions to handlers, for `Menu.buildFromTemplate`. */
export function toMenuTemplate(
  items: TrayMenuItem[],
  handlers: Record<TrayAction, () => void>,
): MenuTemplateItem[] {
  return items.map((item) => {
    if (item.type === 'separator') return { type: 'separator' };
    const { action, ...rest } = item;
    return action ? { ...rest, click: handlers[action] } : rest;
  });
}
