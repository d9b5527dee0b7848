import fc from 'fast-check';

/**
 * A copy of a JSON value with one value changed: the path's indexes pick a key at each level
 * (taken modulo the level's keys); a third of the steps stop where they are and drop the key (or,
 * in a list, replace the item), and a path that runs out replaces what it reached.
 */
export function mutateAt(value: unknown, path: number[], replacement: unknown): unknown {
  if (value === null || typeof value !== 'object' || path.length === 0) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
  const keys = Object.keys(copy);
  if (keys.length === 0) return replacement;
  const [step, ...rest] = path as [number, ...number[]];
  const key = keys[step % keys.length]!;
  if (step % 3 === 0) {
    if (step % 2 === 0 && !Array.isArray(copy)) delete copy[key];
    else copy[key] = replacement;
  } else copy[key] = mutateAt(copy[key], rest, replacement);
  return copy;
}

/** A valid JSON body mutated at any depth: a value dropped, retyped or replaced by any value. */
export function mutated(valid: unknown, maxPath = 5): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.array(fc.nat(), { maxLength: maxPath }), fc.anything({ maxDepth: 2 }))
    .map(([path, replacement]) => mutateAt(valid, path, replacement));
}
