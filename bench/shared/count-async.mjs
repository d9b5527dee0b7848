// Loaded into a relay with `node --import` by bench/counts.ts: counts the async resources (promises,
// ticks, timers) the process creates between two SIGUSR2 signals, and prints them as one JSON line.
// Each signal also prints a marker line, so the caller can attribute V8's GC trace lines between
// them. Plain JavaScript: it runs in the bundle's Node, without a TypeScript loader.
import { createHook } from 'node:async_hooks';
import process from 'node:process';

const counts = {};
let counting = false;
createHook({
  init(_id, type) {
    if (counting) counts[type] = (counts[type] ?? 0) + 1;
  },
}).enable();

process.on('SIGUSR2', () => {
  counting = !counting;
  process.stdout.write(
    counting ? 'switchboard-counts: start\n' : `switchboard-counts: end ${JSON.stringify(counts)}\n`,
  );
});
