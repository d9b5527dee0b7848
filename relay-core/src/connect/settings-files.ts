import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/** A settings file as found: its bytes and mode, or absent. */
export interface FoundFile {
  bytes?: Buffer;
  mode?: number;
}

const bom = Buffer.from([0xef, 0xbb, 0xbf]);

/** The file's bytes and permission bits; nothing when it does not exist. */
export function readSettingsFile(path: string): FoundFile {
  if (!existsSync(path)) return {};
  return { bytes: readFileSync(path), mode: statSync(path).mode & 0o777 };
}

/** The text of a file's bytes, without a byte-order mark (an editor's on Windows). */
export function textOf(bytes: Buffer | undefined): string {
  if (!bytes) return '';
  const body = bytes.subarray(0, 3).equals(bom) ? bytes.subarray(3) : bytes;
  return body.toString('utf8');
}

/** The bytes to write for `text`, with the byte-order mark the file had. */
export function bytesOf(text: string, like: Buffer | undefined): Buffer {
  const body = Buffer.from(text, 'utf8');
  return like?.subarray(0, 3).equals(bom) ? Buffer.concat([bom, body]) : body;
}

/** The folders `mkdir -p` would create for a file, outermost first. */
function missingFolders(path: string): string[] {
  const missing: string[] = [];
  for (let folder = dirname(path); !existsSync(folder); folder = dirname(folder)) {
    missing.unshift(folder);
    if (dirname(folder) === folder) break;
  }
  return missing;
}

/**
 * Writes a settings file atomically (a temporary file renamed over it), with `mode` or else the
 * mode the file has. A symbolic link (dotfiles kept in a repository) is written through, not
 * replaced. Returns the folders it had to create.
 */
export function writeSettingsFile(path: string, bytes: Buffer, mode?: number): string[] {
  const created = missingFolders(path);
  if (created.length > 0) mkdirSync(dirname(path), { recursive: true });
  const target = existsSync(path) && lstatSync(path).isSymbolicLink() ? realpathSync(path) : path;
  const keep = mode ?? (existsSync(target) ? statSync(target).mode & 0o777 : undefined);
  const temporary = join(dirname(target), `.${randomBytes(6).toString('hex')}.switchboard.tmp`);
  try {
    writeFileSync(temporary, bytes, { mode: keep ?? 0o666, flag: 'wx' });
    // writeFileSync's mode passes through the umask; an existing file's mode is restored as it was
    if (keep !== undefined) chmodSync(temporary, keep);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return created;
}

/** Removes a settings file, then the folders connect created for it when they are empty. */
export function removeSettingsFile(path: string, createdFolders: readonly string[]): void {
  rmSync(path, { force: true });
  for (const folder of [...createdFolders].reverse()) {
    try {
      rmdirSync(folder);
    } catch {
      // not empty: something else lives there now
      return;
    }
  }
}
