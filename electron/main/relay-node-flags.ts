/**
 * V8 settings for the relay process, wherever it runs (the desktop app's utility process,
 * `npm run relay`, the benchmarks; bench/HISTORY.md, "V8 heap settings against memory"):
 * - an old generation that grows by half of what survived the last full collection (V8 picks up
 *   to 4x): socket reads promoted while in flight are freed by the next full collection instead
 *   of piling up in the C heap (peak RSS 235 → 162 MB in a full benchmark run, with the same
 *   throughput ratios).
 * Semi-spaces stay at Node's 16 MB: at 8 MB the young collections, which copy every request in
 * flight each time, cost 8.5 µs a request against 5.3 at 16 (fast upstream, -c32), for about
 * 23 MB less at the peak of the streaming benchmark.
 */
export const relayNodeFlags: readonly string[] = ['--heap-growing-percent=50'];
