import type { SettingsFormat } from './settings-format.js';

const assignment = /^[ \t]*(?:export[ \t]+)?([\w.-]+)[ \t]*=[ \t]*(.*?)[ \t]*$/;

/** A value as dotenv reads it: quoted verbatim (double quotes expand `\n`), else up to a ` #` comment. */
function unquote(raw: string): string {
  const quoted = /^(["'`])([\s\S]*)\1/.exec(raw);
  if (quoted) return quoted[1] === '"' ? quoted[2]!.replace(/\\n/g, '\n').replace(/\\r/g, '\r') : quoted[2]!;
  return raw.replace(/[ \t]+#.*$/, '');
}

function quote(value: string): string {
  return /^[\w.:/@+=,-]*$/.test(value) ? value : JSON.stringify(value);
}

function lines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

/** The index of the line that sets `key` last (the one that counts), or -1. */
function lastAssignment(all: string[], key: string): number {
  for (let index = all.length - 1; index >= 0; index -= 1)
    if (assignment.exec(all[index]!.replace(/\r?\n$/, ''))?.[1] === key) return index;
  return -1;
}

/**
 * `.env` files (Gemini CLI's `~/.gemini/.env`): one `KEY=value` a line. Only the line of the key
 * changes; a new key is added as the last line.
 */
export const dotenvFormat: SettingsFormat = {
  name: '.env',
  parse(text) {
    const values: Record<string, string> = {};
    for (const line of lines(text)) {
      const match = assignment.exec(line.replace(/\r?\n$/, ''));
      if (match) values[match[1]!] = unquote(match[2]!);
    }
    return values;
  },
  edit(text, path, value) {
    const [key, ...deeper] = path;
    if (typeof key !== 'string' || deeper.length > 0)
      throw new Error('a .env file holds only KEY=value lines');
    if (value !== undefined && typeof value !== 'string')
      throw new Error(`${key} must be text in a .env file`);
    const all = lines(text);
    const index = lastAssignment(all, key);
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    if (value === undefined) {
      if (index >= 0) all.splice(index, 1);
    } else if (index >= 0) {
      const line = all[index]!;
      const ending = /\r?\n$/.exec(line)?.[0] ?? '';
      const prefix = /^[ \t]*(?:export[ \t]+)?[\w.-]+[ \t]*=[ \t]*/.exec(line)![0];
      all[index] = `${prefix}${quote(value)}${ending}`;
    } else {
      if (all.length > 0 && !all.at(-1)!.endsWith('\n')) all[all.length - 1] += eol;
      all.push(`${key}=${quote(value)}${eol}`);
    }
    return all.join('');
  },
};
