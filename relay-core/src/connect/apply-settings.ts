import { ConnectError } from './connect-error.js';
import type { ToolFile } from './coding-tool.js';
import { dotenvFormat } from './formats/dotenv-format.js';
import { jsoncFormat } from './formats/jsonc-format.js';
import type { SettingsFormat } from './formats/settings-format.js';
import { tomlFormat } from './formats/toml-format.js';
import { yamlFormat } from './formats/yaml-format.js';
import { formatPath, sameSettings, withValueAt } from './settings-path.js';
import type { SettingPath } from './settings-path.js';

const formats = [jsoncFormat, yamlFormat, tomlFormat, dotenvFormat];

/** The format a connection record names. */
export function formatNamed(name: string): SettingsFormat {
  const format = formats.find((candidate) => candidate.name === name);
  if (!format) throw new Error(`unknown settings format '${name}'`);
  return format;
}

/** `~/…` for paths in the home folder: shorter in messages, and no user name in screenshots. */
export function displayPath(path: string, home: string): string {
  return home && path.startsWith(home) ? `~${path.slice(home.length)}` : path;
}

/** A parser's message without the source excerpt some parsers append on further lines. */
function firstLine(error: unknown): string {
  return ((error as Error).message.split('\n')[0] ?? '').trim();
}

/** The file's settings; a ConnectError that names the file when it is not valid in its format. */
export function parseSettings(file: Pick<ToolFile, 'path' | 'format'>, text: string, home: string): unknown {
  try {
    return file.format.parse(text);
  } catch (error) {
    throw new ConnectError(
      'SETTINGS_UNREADABLE',
      `${displayPath(file.path, home)} is not valid ${file.format.name} (${firstLine(error)}): fix it or move it away, then try again`,
    );
  }
}

/**
 * One edit, checked: the file parsed after the edit must hold exactly the settings it held before
 * with this one changed. Anything else (a layout the text edit misread) is refused, not written.
 */
export function editSetting(
  file: { path: string; format: SettingsFormat },
  text: string,
  path: SettingPath,
  value: unknown,
  home: string,
): string {
  const refuse = (reason: string) =>
    new ConnectError(
      'SETTINGS_UNREADABLE',
      `cannot set ${formatPath(path)} in ${displayPath(file.path, home)}: ${reason}; change it by hand or move the file away, then try again`,
    );
  const before = parseSettings(file, text, home);
  let result: string;
  try {
    result = file.format.edit(text, path, value);
  } catch (error) {
    throw refuse(firstLine(error));
  }
  let after: unknown;
  try {
    after = file.format.parse(result);
  } catch (error) {
    throw refuse(`the edit would not parse (${firstLine(error)})`);
  }
  if (!sameSettings(after, withValueAt(before, path, value)))
    throw refuse('the edit would change other settings');
  return result;
}
