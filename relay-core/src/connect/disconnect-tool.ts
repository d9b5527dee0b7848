import type Database from 'better-sqlite3';
import { displayPath, editSetting, formatNamed, parseSettings } from './apply-settings.js';
import { ConnectError } from './connect-error.js';
import type { CodingTool, ToolPlace } from './coding-tool.js';
import type { FileOutcome } from './connect-tool.js';
import { digestValue, readBackup, readRecord, removeRecord, sha256 } from './connection-state.js';
import type { ConnectedFile } from './connection-state.js';
import {
  bytesOf,
  readSettingsFile,
  removeSettingsFile,
  textOf,
  writeSettingsFile,
} from './settings-files.js';
import type { FoundFile } from './settings-files.js';
import { formatPath, sameSettings, valueAt } from './settings-path.js';
import type { SettingPath } from './settings-path.js';
import { revokeToolKey } from './tool-key.js';

export interface DisconnectRequest {
  tool: CodingTool;
  place: ToolPlace;
  dataHome: string;
  db: Database.Database;
}

export interface DisconnectReport {
  tool: string;
  displayName: string;
  files: FileOutcome[];
  /** Whether the tool's client key was revoked (not when a newer key of that name replaced it). */
  keyRevoked: boolean;
}

const isEmptyCollection = (value: unknown) =>
  Array.isArray(value)
    ? value.length === 0
    : value !== null && typeof value === 'object' && Object.keys(value).length === 0;

/** Every proper prefix of the paths, longest first, once each. */
function ancestors(paths: readonly SettingPath[]): SettingPath[] {
  const seen = new Map<string, SettingPath>();
  for (const path of paths)
    for (let length = path.length - 1; length >= 1; length -= 1)
      seen.set(JSON.stringify(path.slice(0, length)), path.slice(0, length));
  return [...seen.values()].sort((a, b) => b.length - a.length);
}

/**
 * A file the user changed since connect: each setting still as connect wrote it goes back to what
 * the file held before (or away), objects connect created go once empty, and the user's own
 * changes stay. Returns the new text and the settings left as the user set them.
 */
function takeOutSettings(record: ConnectedFile, text: string, original: string, home: string) {
  const file = { path: record.path, format: formatNamed(record.format) };
  const before = parseSettings(file, original, home);
  const read = (current: string, path: SettingPath) => valueAt(parseSettings(file, current, home), path);
  const kept: string[] = [];
  let result = text;
  for (const setting of [...record.settings].reverse()) {
    const current = read(result, setting.path);
    if (current === undefined && valueAt(before, setting.path) === undefined) continue;
    if (digestValue(current) !== setting.written) kept.push(formatPath(setting.path));
    else result = editSetting(file, result, setting.path, valueAt(before, setting.path), home);
  }
  for (const path of ancestors(record.settings.map((setting) => setting.path))) {
    if (valueAt(before, path) === undefined && isEmptyCollection(read(result, path)))
      result = editSetting(file, result, path, undefined, home);
  }
  return { text: result, kept };
}

/** What disconnect does to one file: give back its bytes, or write `text`, or nothing. */
interface Plan {
  file: ConnectedFile;
  found: FoundFile;
  original: Buffer | undefined;
  restore: boolean;
  text?: string;
  kept: string[];
}

/**
 * Undoes connect. A file as connect left it gets its earlier bytes back exactly (or is deleted
 * when connect created it); a file the user edited since keeps the edits and loses only the
 * relay's settings. The tool's client key is revoked. Every file is read and checked before any
 * is written, so a file that no longer parses stops the whole disconnect with nothing changed.
 */
export function disconnectTool(request: DisconnectRequest): DisconnectReport {
  const { tool, place, dataHome } = request;
  const home = place.home;
  const record = readRecord(dataHome, tool.id);
  if (!record)
    throw new ConnectError(
      'NOT_CONNECTED',
      `${tool.displayName} was not connected by Switchboard: nothing to undo`,
    );
  const plans = record.files.map((file): Plan => {
    const found = readSettingsFile(file.path);
    const original = file.existed && file.backup ? readBackup(dataHome, tool.id, file.backup) : undefined;
    if (!found.bytes) return { file, found, original, restore: file.existed, kept: [] };
    if (sha256(found.bytes) === file.written) return { file, found, original, restore: true, kept: [] };
    const originalText = original ? textOf(original) : file.initial;
    return {
      file,
      found,
      original,
      restore: false,
      ...takeOutSettings(file, textOf(found.bytes), originalText, home),
    };
  });
  const outcomes: FileOutcome[] = [];
  for (const plan of [...plans].reverse()) {
    const { file, found, original } = plan;
    const path = displayPath(file.path, home);
    if (plan.restore) {
      if (original) writeSettingsFile(file.path, original, file.mode);
      else removeSettingsFile(file.path, file.createdFolders);
      outcomes.unshift({ path, action: original ? 'restored' : 'deleted' });
      continue;
    }
    if (plan.text === undefined) continue;
    const format = formatNamed(file.format);
    const leftovers = sameSettings(format.parse(plan.text), format.parse(file.initial));
    if (!file.existed && leftovers && plan.kept.length === 0) {
      // nothing is left but what connect started the file with
      removeSettingsFile(file.path, file.createdFolders);
      outcomes.unshift({ path, action: 'deleted' });
    } else {
      writeSettingsFile(file.path, bytesOf(plan.text, found.bytes));
      outcomes.unshift({ path, action: 'kept-edits', kept: plan.kept });
    }
  }
  const keyRevoked = revokeToolKey(request.db, record.keyName, record.keyPrefix);
  removeRecord(dataHome, tool.id);
  return { tool: tool.id, displayName: tool.displayName, files: outcomes, keyRevoked };
}
