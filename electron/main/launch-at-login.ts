import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** The argument a login launch carries: the app starts in the tray, without its window. */
export const startHiddenArgument = '--hidden';

/** The part of Electron's `app` used on macOS and Windows. */
export interface LoginItemApp {
  getLoginItemSettings(): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

export interface LaunchAtLogin {
  /** false where the OS offers no way (then the tray hides the item). */
  readonly supported: boolean;
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
}

export interface LaunchAtLoginOptions {
  platform: NodeJS.Platform;
  app: LoginItemApp;
  /** What a login launch runs (Linux): the AppImage (`$APPIMAGE`) or the installed binary. */
  executable: string;
  /** The XDG autostart folder (Linux): `$XDG_CONFIG_HOME/autostart`, usually ~/.config/autostart. */
  autostartFolder?: string;
}

/** An argument of a desktop entry's Exec key, quoted as the Desktop Entry Specification asks. */
function quoteExecArgument(argument: string): string {
  if (!/[\s"'`$\\<>~|&;*?#()]/.test(argument)) return argument;
  return `"${argument.replace(/["`$\\]/g, (character) => `\\${character}`)}"`;
}

/** The XDG autostart entry that starts Switchboard hidden at login. */
export function createAutostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Switchboard',
    'Comment=Local LLM API relay',
    `Exec=${quoteExecArgument(executable)} ${startHiddenArgument}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Launch at login: Electron's login items on macOS and Windows; on Linux, where Electron has none,
 * an XDG autostart entry (honoured by GNOME, KDE, Xfce and most others).
 */
export function createLaunchAtLogin(options: LaunchAtLoginOptions): LaunchAtLogin {
  const { platform, app } = options;
  if (platform === 'darwin' || platform === 'win32') {
    return {
      supported: true,
      isEnabled: () => app.getLoginItemSettings().openAtLogin,
      setEnabled: (enabled) =>
        app.setLoginItemSettings({ openAtLogin: enabled, args: [startHiddenArgument] }),
    };
  }
  const folder = options.autostartFolder;
  if (platform !== 'linux' || !folder)
    return { supported: false, isEnabled: () => false, setEnabled: () => undefined };
  const file = join(folder, 'switchboard.desktop');
  return {
    supported: true,
    isEnabled: () => existsSync(file),
    setEnabled(enabled) {
      if (!enabled) return rmSync(file, { force: true });
      mkdirSync(folder, { recursive: true });
      writeFileSync(file, createAutostartEntry(options.executable));
    },
  };
}
