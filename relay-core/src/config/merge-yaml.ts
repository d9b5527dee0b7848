import { isDeepStrictEqual } from 'node:util';
import { isMap, isNode, isScalar, isSeq } from 'yaml';
import type { Document, YAMLSeq } from 'yaml';
import { isPlainObject } from '../shared/is-plain-object.js';

/**
 * Writes `value` over a YAML node, touching only what changed: a key whose value is the same keeps
 * its node and comments, a changed key gets a new node, a key `value` lacks is deleted. Returns the
 * node to use: `node` itself when it was edited in place or is unchanged, else a new one.
 */
export function mergeIntoNode(document: Document, node: unknown, value: unknown): unknown {
  if (isMap(node) && isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const current = node.get(key, true);
      const merged = mergeIntoNode(document, current, item);
      if (merged !== current) node.set(key, merged);
    }
    for (const pair of [...node.items]) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (typeof key === 'string' && !Object.hasOwn(value, key)) node.delete(key);
    }
    return node;
  }
  if (isNode(node) && isDeepStrictEqual(node.toJSON(), value)) return node;
  return document.createNode(value);
}

/**
 * Sets a top-level list of maps to `values` in place (block style), matching each value to the
 * existing item of the same `key` (the first unused one: names may repeat, in order), so comments
 * on items and keys that did not change stay where the user wrote them. Items without a match are
 * added; items no value matched are removed.
 */
export function mergeYamlList(document: Document, list: string, values: unknown[], key: string): void {
  const existing = document.get(list, true);
  if (!isSeq(existing)) {
    const created = document.createNode(values) as YAMLSeq;
    created.flow = false;
    document.set(list, created);
    return;
  }
  const unused = [...existing.items];
  const firstBefore = unused[0];
  existing.items = values.map((value) => {
    const identity = isPlainObject(value) ? value[key] : undefined;
    const index = unused.findIndex(
      (item) => isMap(item) && identity !== undefined && item.get(key) === identity,
    );
    const [match] = index >= 0 ? unused.splice(index, 1) : [undefined];
    return mergeIntoNode(document, match, value);
  });
  // yaml keeps a comment above the first item on the list itself: when that item moved, it goes along
  const first = unused.includes(firstBefore) ? undefined : firstBefore;
  if (existing.commentBefore && isNode(first) && existing.items[0] !== first && !first.commentBefore) {
    first.commentBefore = existing.commentBefore;
    existing.commentBefore = undefined;
  }
  existing.flow = false;
}
