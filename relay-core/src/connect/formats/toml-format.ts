import { parse } from 'smol-toml';
import type { SettingsFormat } from './settings-format.js';
import { scanToml } from './toml-statements.js';
import type { TomlStatement } from './toml-statements.js';

const samePath = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((part, index) => part === b[index]);

const keyText = (part: string) => (/^[A-Za-z0-9_-]+$/.test(part) ? part : JSON.stringify(part));

function valueText(value: unknown): string {
  // a JSON string is a TOML basic string: TOML accepts all of JSON's escapes
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))
    return String(value);
  throw new Error('only text, numbers and true/false are written to TOML here');
}

const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;

/** Where lines for the top level go: before the first header and the comment lines right above it. */
function beforeFirstHeader(text: string, header: TomlStatement): number {
  let at = lineStart(text, header.start);
  while (at > 0) {
    const previous = lineStart(text, at - 1);
    if (!text.slice(previous, at).trimStart().startsWith('#')) break;
    at = previous;
  }
  return at;
}

/**
 * The statements of one table: the top level (path []) runs to the first header; a table from its
 * header to the next one. Undefined when the table has no header of its own.
 */
function section(statements: TomlStatement[], table: readonly string[]) {
  const headers = statements.filter((statement) => statement.kind !== 'pair');
  const header =
    table.length === 0 ? undefined : headers.find((h) => h.kind === 'table' && samePath(h.path, table));
  if (table.length > 0 && !header) return undefined;
  const from = header ? statements.indexOf(header) + 1 : 0;
  const next = statements.findIndex((statement, index) => index >= from && statement.kind !== 'pair');
  const pairs = statements.slice(from, next < 0 ? statements.length : next);
  return { header, pairs, nextHeader: next < 0 ? undefined : statements[next] };
}

function insert(text: string, at: number, lines: string): string {
  const glue = at > 0 && at === text.length && !text.endsWith('\n') ? '\n' : '';
  return text.slice(0, at) + glue + lines + text.slice(at);
}

/**
 * TOML (Codex CLI's config.toml), edited as text: a key's value is replaced where it stands, a new
 * key goes after the last key of its table (top-level keys before the first table, as TOML needs),
 * a new table at the end. Callers check the result by parsing it.
 */
export const tomlFormat: SettingsFormat = {
  name: 'TOML',
  parse(text) {
    return parse(text);
  },
  edit(text, path, value) {
    if (path.some((step) => typeof step !== 'string')) throw new Error('TOML paths are keys only');
    const keys = path as string[];
    const statements = scanToml(text);
    const table = keys.slice(0, -1);
    const key = keys.at(-1)!;
    const found = section(statements, table);
    const pair = found?.pairs.find((statement) => samePath(statement.path, [key]));
    if (value === undefined) {
      if (pair) return text.slice(0, lineStart(text, pair.start)) + text.slice(pair.end);
      const own = section(statements, keys);
      if (!own?.header) return text;
      // a whole table: its header and keys, up to the comments that belong to the next header
      let end = own.nextHeader ? beforeFirstHeader(text, own.nextHeader) : text.length;
      // blank lines before the next table stay, as the one before this header goes with it
      while (end > own.header.end && text.slice(lineStart(text, end - 1), end).trim() === '')
        end = lineStart(text, end - 1);
      let start = lineStart(text, own.header.start);
      if (start > 0 && text.slice(lineStart(text, start - 1), start).trim() === '')
        start = lineStart(text, start - 1);
      return text.slice(0, start) + text.slice(end);
    }
    const line = `${keyText(key)} = ${valueText(value)}\n`;
    if (pair) return text.slice(0, pair.value!.start) + valueText(value) + text.slice(pair.value!.end);
    if (!found) {
      const blank =
        text.trim() === '' ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
      return `${text}${blank}[${table.map(keyText).join('.')}]\n${line}`;
    }
    const last = found.pairs.at(-1);
    if (last) return insert(text, last.end, line);
    if (found.header) return insert(text, found.header.end, line);
    // top level without keys: before the first table, a blank line between
    if (!found.nextHeader) return insert(text, text.length, line);
    return insert(text, beforeFirstHeader(text, found.nextHeader), `${line}\n`);
  },
};
