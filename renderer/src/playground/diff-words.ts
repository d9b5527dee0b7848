/** One run of a word diff: text both answers share, or text only one has. */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/**
 * A word-level diff of two answers (longest common subsequence over words and the spaces
 * between them). Quadratic, so each side is capped at 2,000 words; longer tails count as changed.
 */
export function diffWords(before: string, after: string): DiffPart[] {
  const cap = 4000;
  const a = before.split(/(\s+)/).slice(0, cap);
  const b = after.split(/(\s+)/).slice(0, cap);
  const rows = a.length + 1;
  const cols = b.length + 1;
  const lengths = new Uint16Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * cols + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * cols + j + 1]! + 1
          : Math.max(lengths[(i + 1) * cols + j]!, lengths[i * cols + j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    const last = parts.at(-1);
    if (last?.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i]!);
      i++;
      j++;
    } else if (lengths[(i + 1) * cols + j]! >= lengths[i * cols + j + 1]!) push('removed', a[i++]!);
    else push('added', b[j++]!);
  }
  while (i < a.length) push('removed', a[i++]!);
  while (j < b.length) push('added', b[j++]!);
  return parts.filter((part) => part.text !== '');
}
