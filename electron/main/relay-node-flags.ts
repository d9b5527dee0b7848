/**
 * V8 settings for the relay process, wherever it runs (the desktop app's utility process,
 * `npm run relay`, the benchmarks). They keep the relay under 200 MB RSS under streaming load
 * (bench/HISTORY.md, "V8 heap settings against memory"):
 * - semi-spaces of 8 MB instead of Node's 16 MB: the relay's garbage is per event and
 *   short-lived, and the peaks were young-generation slack, not live data;
 * - an old generation that grows by half of what survived the last full collection (V8 picks up
 *   to 4x): socket reads promoted while in flight are freed by the next full collection instead
 *   of piling up in the C heap (peak RSS 235 → 162 MB in a full benchmark run, with the same
 *   throughput ratios).
 */
export const relayNodeFlags: readonly string[] = ['--max-semi-space-size=8', '--heap-growing-percent=50'];
