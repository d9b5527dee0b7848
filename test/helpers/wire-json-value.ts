import fc from 'fast-check';

/**
 * A JSON value as a client can send it: through `JSON.stringify` and back. fast-check's
 * `jsonValue` may yield `-0`, which JSON text cannot carry (it arrives as `0`), so a test
 * that compares what went upstream with what was generated compares wire values.
 */
export function wireJsonValue(constraints: { maxDepth: number }): fc.Arbitrary<unknown> {
  return fc.jsonValue(constraints).map((value) => JSON.parse(JSON.stringify(value)) as unknown);
}
