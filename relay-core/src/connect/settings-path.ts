import { isDeepStrictEqual } from 'node:util';
import { isPlainObject } from '../shared/is-plain-object.js';

/** One step into a settings document: an object key, or the list item whose `key` field is `equals`. */
export type PathStep = string | { key: string; equals: string };

/** Where a setting lives in a tool's settings file. */
export type SettingPath = readonly PathStep[];

/** How a path reads in messages: `env.ANTHROPIC_MODEL`, `models[name=Switchboard]`. */
export function formatPath(path: SettingPath): string {
  return path
    .map((step, index) =>
      typeof step === 'string' ? `${index === 0 ? '' : '.'}${step}` : `[${step.key}=${step.equals}]`,
    )
    .join('');
}

/** Parsed objects only: a date or another class instance is a value, not a table to walk into. */
function isRecord(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The index of the list item a matcher step selects, or -1. */
export function findItem(list: readonly unknown[], step: { key: string; equals: string }): number {
  return list.findIndex((item) => isRecord(item) && item[step.key] === step.equals);
}

/** The value at `path` in plain data, or undefined when any step is missing. */
export function valueAt(root: unknown, path: SettingPath): unknown {
  let current = root;
  for (const step of path) {
    if (typeof step === 'string') {
      if (!isRecord(current) || !Object.hasOwn(current, step)) return undefined;
      current = current[step];
    } else {
      if (!Array.isArray(current)) return undefined;
      current = current[findItem(current, step)];
    }
  }
  return current;
}

/**
 * A copy of `root` with `value` at `path` (undefined removes it), creating missing objects and
 * appending a missing list item. What an edit of the file's text must amount to.
 */
export function withValueAt(root: unknown, path: SettingPath, value: unknown): unknown {
  const [step, ...rest] = path;
  if (step === undefined) return value;
  if (typeof step === 'string') {
    const object: Record<string, unknown> = isRecord(root) ? { ...root } : {};
    const next = withValueAt(object[step], rest, value);
    if (next === undefined) delete object[step];
    else object[step] = next;
    return object;
  }
  const list = Array.isArray(root) ? [...(root as unknown[])] : [];
  const index = findItem(list, step);
  const next = withValueAt(index >= 0 ? list[index] : undefined, rest, value);
  if (index >= 0) {
    if (next === undefined) list.splice(index, 1);
    else list[index] = next;
  } else if (next !== undefined) list.push(next);
  return list;
}

/** Objects that are empty once their empty objects are left out count as absent (an empty `[table]`). */
function withoutEmptyObjects(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyObjects);
  if (!isRecord(value)) return value;
  const entries = Object.entries(value)
    .map(([key, item]) => [key, withoutEmptyObjects(item)] as const)
    .filter(([, item]) => !(isRecord(item) && Object.keys(item).length === 0));
  return Object.fromEntries(entries);
}

/** Whether two parsed documents hold the same settings (empty objects aside). */
export function sameSettings(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(withoutEmptyObjects(a), withoutEmptyObjects(b));
}
