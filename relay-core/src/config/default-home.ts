import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/**
 * The data folder: SWITCHBOARD_HOME when set, else the OS app-data folder: Linux
 * `$XDG_CONFIG_HOME/Switchboard` or `~/.config/Switchboard`, macOS
 * `~/Library/Application Support/Switchboard`, Windows `%APPDATA%\Switchboard`.
 */
export function defaultHome(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.SWITCHBOARD_HOME) return env.SWITCHBOARD_HOME;
  if (platform === 'win32') {
    const profile = env.USERPROFILE ?? homedir();
    return win32.join(env.APPDATA ?? win32.join(profile, 'AppData', 'Roaming'), 'Switchboard');
  }
  const home = env.HOME ?? homedir();
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'Switchboard');
  return posix.join(env.XDG_CONFIG_HOME || posix.join(home, '.config'), 'Switchboard');
}
