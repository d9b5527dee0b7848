/** One line of a diff: kept (` `), removed (`-`) or added (`+`). */
export interface DiffLine {
  kind: ' ' | '-' | '+';
  text: string;
}

/**
 * The line diff of two texts (longest common subsequence), for a change the user reviews:
 * config.yaml files are small, so the quadratic table is cheap.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const common: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      common[i]![j] =
        a[i] === b[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ kind: ' ', text: a[i]! });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || common[i + 1]![j]! >= common[i]![j + 1]!)) {
      lines.push({ kind: '-', text: a[i]! });
      i++;
    } else {
      lines.push({ kind: '+', text: b[j]! });
      j++;
    }
  }
  return lines;
}

/** The diff as text: changed lines with `context` kept lines around them, `@@` between runs. */
export function formatDiff(lines: DiffLine[], context = 2): string {
  const near = lines.map((_, index) =>
    lines.slice(Math.max(0, index - context), index + context + 1).some((line) => line.kind !== ' '),
  );
  const out: string[] = [];
  let skipped = false;
  lines.forEach((line, index) => {
    if (!near[index]) {
      skipped = true;
      return;
    }
    if (skipped || out.length === 0) out.push('@@');
    skipped = false;
    out.push(`${line.kind}${line.text}`);
  });
  return out.join('\n');
}
