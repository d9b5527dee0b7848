import { performance } from 'node:perf_hooks';

/** The p-th percentile (nearest rank) of some samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function median(samples: number[]): number {
  return percentile(samples, 50);
}

/** The median wall time in ms of `runs` calls of `run`, each awaited. */
export async function medianTime(run: () => unknown, runs: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    await run();
    samples.push(performance.now() - began);
  }
  return median(samples);
}

/** A Markdown table from rows of equal keys. */
export function markdownTable(rows: Array<Record<string, string | number>>): string {
  const headers = Object.keys(rows[0] ?? {});
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${headers.map((header) => row[header]).join(' | ')} |`),
  ].join('\n');
}
