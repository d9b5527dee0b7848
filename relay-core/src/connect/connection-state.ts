import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeSettingsFile } from './settings-files.js';
import type { SettingPath } from './settings-path.js';

/** A file connect changed: enough to give it back exactly, or to take out only what was written. */
export interface ConnectedFile {
  path: string;
  /** The file's format by name (`JSON`, `YAML`, `TOML`, `.env`). */
  format: string;
  /** Whether the file existed before the first connect; its bytes then are in `backup`. */
  existed: boolean;
  /** The backup's file name in the tool's folder of connection records. */
  backup?: string;
  /** The file's permission bits before connect. */
  mode?: number;
  /** SHA-256 of the bytes connect wrote last. */
  written: string;
  /** Each setting connect wrote, with the digest of its value. */
  settings: Array<{ path: SettingPath; written: string }>;
  /** Folders created for the file, outermost first. */
  createdFolders: string[];
  /** The text a new file started from (for telling whether nothing else was added since). */
  initial: string;
}

/** What connecting a tool did, kept in the data folder until it is disconnected. */
export interface ConnectionRecord {
  tool: string;
  keyName: string;
  /** The first characters of the key (the same prefix the key list shows), to revoke only that key. */
  keyPrefix: string;
  origin: string;
  model: string;
  smallModel: string;
  connectedAt: number;
  files: ConnectedFile[];
}

/** The folder of a tool's connection record and backups, in the relay's data folder. */
export function recordFolder(dataHome: string, tool: string): string {
  return join(dataHome, 'connections', tool);
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** JSON with sorted keys: the same value digests the same whatever order a file lists it in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}

/** The digest of a setting's value, to tell later whether the user changed it. */
export function digestValue(value: unknown): string {
  return sha256(canonical(value));
}

export function readRecord(dataHome: string, tool: string): ConnectionRecord | undefined {
  const path = join(recordFolder(dataHome, tool), 'connection.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ConnectionRecord) : undefined;
}

/** Records and backups are readable by the user only: a backup may hold a key of the user's own. */
export function writeRecord(dataHome: string, record: ConnectionRecord): void {
  const folder = recordFolder(dataHome, record.tool);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  writeSettingsFile(
    join(folder, 'connection.json'),
    Buffer.from(`${JSON.stringify(record, null, 2)}\n`),
    0o600,
  );
}

/** Keeps a file's bytes before connect changes it; returns the backup's name. */
export function saveBackup(dataHome: string, tool: string, path: string, bytes: Buffer): string {
  const folder = recordFolder(dataHome, tool);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const name = `${basename(path)}.${sha256(path).slice(0, 8)}.orig`;
  writeSettingsFile(join(folder, name), bytes, 0o600);
  return name;
}

export function readBackup(dataHome: string, tool: string, name: string): Buffer {
  return readFileSync(join(recordFolder(dataHome, tool), name));
}

export function removeRecord(dataHome: string, tool: string): void {
  rmSync(recordFolder(dataHome, tool), { recursive: true, force: true });
}
