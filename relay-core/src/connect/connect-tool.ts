import type Database from 'better-sqlite3';
import { editSetting, displayPath, parseSettings } from './apply-settings.js';
import type { CodingTool, ModelLimits, RelayTarget, ToolFile, ToolPlace } from './coding-tool.js';
import { digestValue, readRecord, saveBackup, sha256, writeRecord } from './connection-state.js';
import type { ConnectedFile } from './connection-state.js';
import { bytesOf, readSettingsFile, textOf, writeSettingsFile } from './settings-files.js';
import type { FoundFile } from './settings-files.js';
import { valueAt } from './settings-path.js';
import { keyForTool, revokeToolKey } from './tool-key.js';

export interface ConnectRequest {
  tool: CodingTool;
  place: ToolPlace;
  /** The relay's data folder: backups and the record of what was written go there. */
  dataHome: string;
  db: Database.Database;
  /** The relay's origin, without `/v1`. */
  origin: string;
  model: string;
  smallModel: string;
  /** What the catalog says of the model's limits (see RelayTarget). */
  limits?: ModelLimits;
  now?: () => number;
}

/** What happened to one file, for the user. */
export interface FileOutcome {
  /** `~/…` when in the home folder. */
  path: string;
  action: 'created' | 'updated' | 'unchanged' | 'restored' | 'deleted' | 'kept-edits';
  /** Settings left as the user changed them (disconnect of an edited file). */
  kept?: string[];
}

export interface ConnectReport {
  tool: string;
  displayName: string;
  origin: string;
  model: string;
  smallModel: string;
  keyName: string;
  key: 'reused' | 'created' | 'rotated';
  files: FileOutcome[];
  notes: string[];
}

/** The values a file's settings hold where the tool's client key goes. */
export function clientKeysIn(file: ToolFile, settings: unknown): unknown[] {
  return file.settings.flatMap(({ path, clientKey }) =>
    clientKey ? [valueAt(settings, [...path, ...clientKey])] : [],
  );
}

/** What connect writes into a file that does not exist yet (the window shows it as a snippet). */
export function newFileText(file: ToolFile, home: string): string {
  return edited(file, {}, home);
}

/** The file's text with every setting written, each edit checked. */
function edited(file: ToolFile, found: FoundFile, home: string): string {
  const current = textOf(found.bytes);
  const start = current.trim() === '' ? file.initial : current;
  return file.settings.reduce(
    (text, setting) => editSetting(file, text, setting.path, setting.value, home),
    start,
  );
}

/**
 * Points a tool at the relay: writes the relay's settings into the tool's own files, keeping the
 * rest of each file as it was, with a client key of the tool's own. The first connect keeps each
 * file's bytes (or that it did not exist) in the data folder; connecting again keeps that first
 * backup, so disconnect always gives back what the user had. Nothing is written when any file
 * cannot be read or edited.
 */
export function connectTool(request: ConnectRequest): ConnectReport {
  const { tool, place, dataHome, db } = request;
  const home = place.home;
  const previous = readRecord(dataHome, tool.id);
  const target = (key: string): RelayTarget => ({
    origin: request.origin,
    key,
    model: request.model,
    smallModel: request.smallModel,
    ...(request.limits ? { limits: request.limits } : {}),
  });
  const planned = tool.files(place, target(''));
  const found = planned.map((file) => readSettingsFile(file.path));
  // every file must take its edit before a key is made or a byte is written
  planned.forEach((file, index) => edited(file, found[index]!, home));
  const held = planned.flatMap((file, index) =>
    file.settings.flatMap(({ path, clientKey }) =>
      clientKey
        ? [valueAt(parseSettings(file, textOf(found[index]!.bytes), home), [...path, ...clientKey])]
        : [],
    ),
  );
  const key = keyForTool(db, tool.id, held);
  const files = tool.files(place, target(key.key));
  const outcomes: FileOutcome[] = [];
  const records: ConnectedFile[] = [];
  try {
    files.forEach((file, index) => {
      const before = found[index]!;
      const bytes = bytesOf(edited(file, before, home), before.bytes);
      const unchanged = before.bytes?.equals(bytes) === true;
      const earlier = previous?.files.find((record) => record.path === file.path);
      const backup =
        earlier || !before.bytes ? undefined : saveBackup(dataHome, tool.id, file.path, before.bytes);
      const record: Omit<ConnectedFile, 'written' | 'settings'> = earlier ?? {
        path: file.path,
        format: file.format.name,
        existed: before.bytes !== undefined,
        ...(backup ? { backup, mode: before.mode } : {}),
        createdFolders: [],
        initial: file.initial,
      };
      if (!unchanged) {
        // a new file holding the key is the user's alone, as a .env of secrets should be
        const holdsKey = file.settings.some((setting) => setting.clientKey !== undefined);
        const mode = before.bytes || !holdsKey ? undefined : 0o600;
        const folders = writeSettingsFile(file.path, bytes, mode);
        if (!earlier) record.createdFolders = folders;
      }
      records.push({
        ...record,
        written: sha256(bytes),
        settings: file.settings.map((setting) => ({
          path: setting.path,
          written: digestValue(setting.value),
        })),
      });
      outcomes.push({
        path: displayPath(file.path, home),
        action: unchanged ? 'unchanged' : before.bytes ? 'updated' : 'created',
      });
    });
  } catch (error) {
    if (key.outcome !== 'reused') revokeToolKey(db, tool.id, key.prefix);
    throw error;
  }
  // a file of an earlier connect this plan no longer names is still given back on disconnect
  const kept = previous?.files.filter((record) => !files.some((file) => file.path === record.path)) ?? [];
  writeRecord(dataHome, {
    tool: tool.id,
    keyName: tool.id,
    keyPrefix: key.prefix,
    origin: request.origin,
    model: request.model,
    smallModel: request.smallModel,
    connectedAt: previous?.connectedAt ?? (request.now ?? Date.now)(),
    files: [...kept, ...records],
  });
  return {
    tool: tool.id,
    displayName: tool.displayName,
    origin: request.origin,
    model: request.model,
    smallModel: request.smallModel,
    keyName: tool.id,
    key: key.outcome,
    files: outcomes,
    notes: tool.notes(place),
  };
}
