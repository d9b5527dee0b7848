import { homedir } from 'node:os';
import { join } from 'node:path';

/** The data folder: SWITCHBOARD_HOME, else the OS app-data folder. */
export function defaultHome(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.SWITCHBOARD_HOME) return env.SWITCHBOARD_HOME;
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Switchboard');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Switchboard');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Switchboard');
}
