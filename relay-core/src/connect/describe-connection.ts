import { displayPath, formatNamed } from './apply-settings.js';
import type { CodingTool, ToolPlace } from './coding-tool.js';
import { digestValue, readRecord } from './connection-state.js';
import type { ConnectedFile } from './connection-state.js';
import { readSettingsFile, textOf } from './settings-files.js';
import { valueAt } from './settings-path.js';

/** Whether a tool is connected, as its files say now. */
export interface ToolConnection {
  id: string;
  displayName: string;
  /**
   * `connected`: every setting connect wrote is still there; `changed`: connected, but some were
   * changed or removed since (the tool may not reach the relay); `not-connected`.
   */
  state: 'connected' | 'changed' | 'not-connected';
  /** The files connecting writes (`~/…`). */
  files: string[];
  /** The name of the tool's client key, whose requests the history shows. */
  keyName: string;
  origin?: string;
  model?: string;
  smallModel?: string;
  connectedAt?: number;
}

function untouched({ path, format, settings }: ConnectedFile): boolean {
  const found = readSettingsFile(path);
  if (!found.bytes) return false;
  try {
    const parsed = formatNamed(format).parse(textOf(found.bytes));
    return settings.every((setting) => digestValue(valueAt(parsed, setting.path)) === setting.written);
  } catch {
    return false;
  }
}

/** A tool's connection as recorded in the data folder and found in its files. */
export function describeConnection(tool: CodingTool, place: ToolPlace, dataHome: string): ToolConnection {
  const record = readRecord(dataHome, tool.id);
  const base = { id: tool.id, displayName: tool.displayName, keyName: tool.id };
  if (!record) {
    const planned = tool.files(place, { origin: '', key: '', model: '', smallModel: '' });
    return {
      ...base,
      state: 'not-connected',
      files: planned.map((file) => displayPath(file.path, place.home)),
    };
  }
  const intact = record.files.every(untouched);
  return {
    ...base,
    state: intact ? 'connected' : 'changed',
    files: record.files.map((file) => displayPath(file.path, place.home)),
    origin: record.origin,
    model: record.model,
    smallModel: record.smallModel,
    connectedAt: record.connectedAt,
  };
}
