/** The starts of every bucket from `from` to `to` (both included), so a quiet hour or day shows as empty. */
export function bucketStarts(from: number, to: number, bucketMs: number, max = 400): number[] {
  const first = Math.floor(from / bucketMs) * bucketMs;
  const last = Math.floor(to / bucketMs) * bucketMs;
  const starts: number[] = [];
  for (let at = Math.max(first, last - (max - 1) * bucketMs); at <= last; at += bucketMs) starts.push(at);
  return starts;
}

const dayMs = 86_400_000;

/** A bucket's start as an axis label: the time for short buckets, the date for days. */
export function formatBucket(at: number, bucketMs: number): string {
  const date = new Date(at);
  if (bucketMs >= dayMs)
    return date.toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** The labels under a chart: its first, middle and last bucket. */
export function axisLabels(starts: number[], bucketMs: number): string[] {
  if (starts.length === 0) return [];
  const picks = [...new Set([0, Math.floor((starts.length - 1) / 2), starts.length - 1])];
  return picks.map((index) => formatBucket(starts[index]!, bucketMs));
}
