/** Keys made so far, by separator, first part and second part (cleared past `maxKeys`). */
const made = { '/': new Map<string, Map<string, string>>(), ':': new Map<string, Map<string, string>>() };
let count = 0;
/** Model names come from clients: a bound keeps odd ones from piling up. */
const maxKeys = 4096;

/**
 * `first`, `separator` and `second` joined (`openai/gpt-4o`, `openai:work`), the same string each
 * time: a health or latency map looks a key up several times a request, and a string built anew is
 * hashed anew each time.
 */
export function pairKey(first: string, separator: '/' | ':', second: string): string {
  const byFirst = made[separator];
  let key = byFirst.get(first)?.get(second);
  if (key !== undefined) return key;
  if (count >= maxKeys) {
    made['/'].clear();
    made[':'].clear();
    count = 0;
  }
  key = `${first}${separator}${second}`;
  let bySecond = byFirst.get(first);
  if (bySecond === undefined) {
    bySecond = new Map();
    byFirst.set(first, bySecond);
  }
  bySecond.set(second, key);
  count += 1;
  return key;
}
