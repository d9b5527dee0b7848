import { isMap, isScalar, isSeq, parseDocument, stringify } from 'yaml';
import type { Document, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { findItem, formatPath, withValueAt } from '../settings-path.js';
import type { SettingPath } from '../settings-path.js';
import type { SettingsFormat } from './settings-format.js';

function load(text: string): Document {
  const document = parseDocument(text);
  const [first] = document.errors;
  if (first) throw new Error(first.message);
  return document;
}

const keyOf = (pair: Pair): unknown => (isScalar(pair.key) ? pair.key.value : pair.key);
const range = (node: unknown) => (node as Node).range!;
const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
const column = (text: string, offset: number) => offset - lineStart(text, offset);

/** The offset after the line that holds `offset` (a node's end may fall before its newline). */
function lineEnd(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/** Block YAML for `value`, every line indented by `indent` spaces. */
function block(value: unknown, indent: number): string {
  const text = stringify(value, { lineWidth: 0 });
  return text.replace(/^(?=.)/gm, ' '.repeat(indent));
}

/** Whether only spaces (or a list dash) stand before `offset` on its line. */
function opensLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

function splice(text: string, start: number, end: number, insert: string): string {
  // a file without a final newline gets one before text added after its last line
  const glue = insert !== '' && start > 0 && start === text.length && !text.endsWith('\n') ? '\n' : '';
  return text.slice(0, start) + glue + insert + text.slice(end);
}

/** Text edits for block collections; undefined where the layout is not one it handles. */
function editBlock(text: string, document: Document, path: SettingPath, value: unknown): string | undefined {
  let container: unknown = document.contents;
  for (const [index, step] of path.entries()) {
    const rest = path.slice(index + 1);
    const last = rest.length === 0;
    if (container === null && index === 0 && typeof step === 'string') {
      return value === undefined
        ? text
        : splice(text, text.length, text.length, block({ [step]: withValueAt(undefined, rest, value) }, 0));
    }
    if (typeof step === 'string') {
      if (!isMap(container)) throw notA('a mapping', path, index);
      if (container.flow) return undefined;
      const pair = container.items.find((item) => keyOf(item) === step);
      if (!pair)
        return value === undefined
          ? text
          : addPair(text, container, step, withValueAt(undefined, rest, value));
      if (last || pair.value === null || (isScalar(pair.value) && pair.value.value === null)) {
        return value === undefined && last
          ? removePair(text, pair)
          : setPair(text, pair, step, last ? value : withValueAt(undefined, rest, value));
      }
      container = pair.value;
    } else {
      if (!isSeq(container)) throw notA('a list', path, index);
      if (container.flow) return undefined;
      const found = findItem(container.toJSON() as unknown[], step);
      if (found < 0) {
        if (value === undefined) return text;
        return addItem(text, container, withValueAt({ [step.key]: step.equals }, rest, value));
      }
      const item = container.items[found];
      if (last) return value === undefined ? removeItem(text, item) : replaceItem(text, item, value);
      container = item;
    }
  }
  return undefined;
}

function notA(what: string, path: SettingPath, index: number): Error {
  return new Error(`${formatPath(path.slice(0, index)) || 'the file'} is not ${what}`);
}

function addPair(text: string, map: YAMLMap, key: string, value: unknown): string | undefined {
  const first = map.items[0]?.key;
  // the first key of a list item stands after its dash; the new line takes the same column
  const before = first ? text.slice(lineStart(text, range(first)[0]), range(first)[0]) : undefined;
  if (before === undefined || !/^[ \t]*(?:- +)*$/.test(before)) return undefined;
  const at = range(map)[2];
  return splice(text, at, at, block({ [key]: value }, column(text, range(first)[0])));
}

function pairEnd(text: string, pair: Pair): number {
  return lineEnd(text, range(pair.value ?? pair.key)[2]);
}

function removePair(text: string, pair: Pair): string | undefined {
  const start = range(pair.key)[0];
  if (!opensLine(text, start)) return undefined;
  return splice(text, lineStart(text, start), pairEnd(text, pair), '');
}

function setPair(text: string, pair: Pair, key: string, value: unknown): string | undefined {
  const start = range(pair.key)[0];
  // a scalar over a scalar keeps the rest of the line (its comment) as it is
  if (isScalar(pair.value) && pair.value.value !== null && (value === null || typeof value !== 'object')) {
    const [from, to] = range(pair.value);
    return splice(text, from, to, stringify(value, { lineWidth: 0 }).trimEnd());
  }
  if (!opensLine(text, start)) return undefined;
  return splice(
    text,
    lineStart(text, start),
    pairEnd(text, pair),
    block({ [key]: value }, column(text, start)),
  );
}

/** Where the dash of a list item stands, when it opens its line. */
function dashOf(text: string, item: unknown): number | undefined {
  const dash = text.lastIndexOf('-', range(item)[0]);
  return dash >= 0 && opensLine(text, dash) ? dash : undefined;
}

function addItem(text: string, list: YAMLSeq, value: unknown): string | undefined {
  const dash = list.items.length > 0 ? dashOf(text, list.items[0]) : undefined;
  if (dash === undefined) return undefined;
  const at = range(list)[2];
  return splice(text, at, at, block([value], column(text, dash)));
}

function removeItem(text: string, item: unknown): string | undefined {
  const dash = dashOf(text, item);
  if (dash === undefined) return undefined;
  return splice(text, lineStart(text, dash), lineEnd(text, range(item)[2]), '');
}

function replaceItem(text: string, item: unknown, value: unknown): string | undefined {
  const dash = dashOf(text, item);
  if (dash === undefined) return undefined;
  return splice(
    text,
    lineStart(text, dash),
    lineEnd(text, range(item)[2]),
    block([value], column(text, dash)),
  );
}

/** Through yaml's Document API: comments stay, but the layout of the whole file may be redone. */
function editDocument(document: Document, path: SettingPath, value: unknown): string {
  const steps: Array<string | number> = [];
  let current: unknown = document.toJS();
  for (const [index, step] of path.entries()) {
    if (typeof step === 'string') {
      steps.push(step);
      current = (current as Record<string, unknown> | undefined)?.[step];
      continue;
    }
    const list = Array.isArray(current) ? (current as unknown[]) : [];
    const found = findItem(list, step);
    if (found < 0) {
      if (value === undefined) return document.toString();
      const item = withValueAt({ [step.key]: step.equals }, path.slice(index + 1), value);
      document.setIn(steps, document.createNode([...list, item]));
      return document.toString();
    }
    steps.push(found);
    current = list[found];
  }
  if (value === undefined) document.deleteIn(steps);
  else document.setIn(steps, document.createNode(value));
  return document.toString();
}

/**
 * YAML (Continue's config.yaml, aider's .aider.conf.yml). Block mappings and lists are edited as
 * text at the nodes yaml's parser locates, so every other line stays byte for byte; flow
 * collections (`{a: 1}`) go through yaml's Document API, which keeps comments but not layout.
 */
export const yamlFormat: SettingsFormat = {
  name: 'YAML',
  parse(text) {
    return load(text).toJS() ?? {};
  },
  edit(text, path, value) {
    const document = load(text);
    return editBlock(text, document, path, value) ?? editDocument(document, path, value);
  },
};
