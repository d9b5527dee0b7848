/**
 * V8 settings for the relay process, wherever it runs (the desktop app's utility process,
 * `npm run relay`, the benchmarks). Semi-spaces of 8 MB instead of Node's 16 MB keep the relay
 * under 200 MB RSS under streaming load: its garbage is per event and short-lived, and the peaks
 * were young-generation slack and socket buffers awaiting collection, not live data
 * (bench/README.md, "Young-generation size against memory").
 */
export const relayNodeFlags: readonly string[] = ['--max-semi-space-size=8'];
