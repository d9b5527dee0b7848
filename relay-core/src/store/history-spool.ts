import { appendFileSync, closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import type { RequestRecord } from './history-records.js';

/** History records waiting on disk for the store to come back, oldest first. */
export interface HistorySpool {
  /** Records on disk not yet written to the store. */
  count(): number;
  /** Appends records after the others; returns how many did not fit under the bound (dropped). */
  append(records: readonly RequestRecord[]): number;
  /** The oldest `max` records, left in place until `remove`. */
  peek(max: number): RequestRecord[];
  /** Forgets the oldest `count` records (written to the store); the file goes when none are left. */
  remove(count: number): void;
}

const readBlock = 1 << 20;

/**
 * A spool in an append-only JSON Lines file: one line a record, appended in order, read from a
 * byte offset that advances as records reach the store. A file left by an earlier run is read
 * from its start: writing a record again replaces it, so a crash between a write and the offset's
 * advance costs nothing but the rewrite.
 */
export function createHistorySpool(path: string, maxBytes: number): HistorySpool {
  let offset = 0;
  let bytes = existsSync(path) ? statSync(path).size : 0;
  let lines = 0;
  if (bytes > 0) {
    const fd = openSync(path, 'r');
    const block = Buffer.alloc(readBlock);
    for (let at = 0, read = 0; (read = readSync(fd, block, 0, readBlock, at)) > 0; at += read)
      for (let index = 0; index < read; index++) if (block[index] === 10) lines++;
    closeSync(fd);
  }

  /** Complete lines from `offset` on, up to `max`, with the byte length of each. */
  function readLines(max: number): Array<{ text: string; length: number }> {
    const found: Array<{ text: string; length: number }> = [];
    if (max <= 0 || offset >= bytes) return found;
    const fd = openSync(path, 'r');
    try {
      let at = offset;
      let rest = Buffer.alloc(0);
      const block = Buffer.alloc(readBlock);
      while (found.length < max && at < bytes) {
        const read = readSync(fd, block, 0, readBlock, at);
        if (read === 0) break;
        at += read;
        let data = Buffer.concat([rest, block.subarray(0, read)]);
        let end: number;
        while (found.length < max && (end = data.indexOf(10)) >= 0) {
          found.push({ text: data.subarray(0, end).toString('utf8'), length: end + 1 });
          data = data.subarray(end + 1);
        }
        rest = Buffer.from(data);
      }
    } finally {
      closeSync(fd);
    }
    return found;
  }

  return {
    count: () => lines,
    append(records) {
      let text = '';
      let textBytes = 0;
      let kept = 0;
      for (const record of records) {
        const line = `${JSON.stringify(record)}\n`;
        const lineBytes = Buffer.byteLength(line);
        if (bytes - offset + textBytes + lineBytes > maxBytes) break;
        text += line;
        textBytes += lineBytes;
        kept++;
      }
      if (kept > 0) {
        appendFileSync(path, text, { mode: 0o600 });
        bytes += textBytes;
        lines += kept;
      }
      return records.length - kept;
    },
    peek: (max) => readLines(max).map((line) => JSON.parse(line.text) as RequestRecord),
    remove(count) {
      offset += readLines(count).reduce((sum, line) => sum + line.length, 0);
      lines = Math.max(0, lines - count);
      if (lines === 0) {
        rmSync(path, { force: true });
        offset = 0;
        bytes = 0;
      }
    },
  };
}
