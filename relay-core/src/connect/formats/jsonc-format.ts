import { applyEdits, modify, parse, printParseErrorCode } from 'jsonc-parser';
import type { FormattingOptions, JSONPath, ParseError } from 'jsonc-parser';
import { isPlainObject } from '../../shared/is-plain-object.js';
import { findItem, formatPath, withValueAt } from '../settings-path.js';
import type { SettingsFormat } from './settings-format.js';

const parseOptions = { allowTrailingComma: true, disallowComments: false };

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** The indentation the file already uses, so that added lines look like the user's own. */
function formattingOf(text: string): FormattingOptions {
  const indent = /^([ \t]+)["}\]]/m.exec(text)?.[1];
  return {
    insertSpaces: !indent?.startsWith('\t'),
    tabSize: indent && !indent.startsWith('\t') ? indent.length : 2,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

/**
 * JSON with comments (Claude Code's and Gemini CLI's settings.json, opencode.json): edited with
 * jsonc-parser, which changes only the span of the property it sets.
 */
export const jsoncFormat: SettingsFormat = {
  name: 'JSON',
  parse(text) {
    if (text.trim() === '') return {};
    const errors: ParseError[] = [];
    const value: unknown = parse(text, errors, parseOptions);
    const [first] = errors;
    if (first) throw new Error(`${printParseErrorCode(first.error)} on line ${lineOf(text, first.offset)}`);
    return value;
  },
  edit(text, path, value) {
    const base = text.trim() === '' ? '{}\n' : text;
    const root = jsoncFormat.parse(base);
    // a matcher step becomes the list index it selects; a missing item is appended whole
    const concrete: JSONPath = [];
    let current = root;
    let newValue = value;
    let insert = false;
    for (const [index, step] of path.entries()) {
      const wanted = typeof step === 'string' ? 'an object' : 'a list';
      const fits = typeof step === 'string' ? isPlainObject(current) : Array.isArray(current);
      if (current !== undefined && !fits)
        throw new Error(
          `${formatPath(path.slice(0, index)) || 'the file'} holds ${JSON.stringify(current)}, not ${wanted}`,
        );
      if (typeof step === 'string') {
        concrete.push(step);
        current = (current as Record<string, unknown> | undefined)?.[step];
        continue;
      }
      const list = (current as unknown[] | undefined) ?? [];
      const found = findItem(list, step);
      if (found < 0) {
        if (value === undefined) return text;
        concrete.push(list.length);
        newValue = withValueAt({ [step.key]: step.equals }, path.slice(index + 1), value);
        insert = true;
        break;
      }
      concrete.push(found);
      current = list[found];
    }
    const edits = modify(base, concrete, newValue, {
      formattingOptions: formattingOf(base),
      isArrayInsertion: insert,
    });
    return applyEdits(base, edits);
  },
};
