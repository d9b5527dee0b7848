// What `npm run relay` runs (scripts/run-relay.mjs): Node with the relay's V8 settings on the
// relay's bundle. Kept apart from the script so a test can check it without starting a relay.
import { join } from 'node:path';

/** The relay's V8 settings, as the app sets them (electron/main/relay-node-flags.ts). */
export const relayNodeFlags = ['--heap-growing-percent=50'];

/** The bundle `npm run relay` runs, under the project's root. */
export const relayBundle = (root) => join(root, 'dist', 'relay', 'cli.js');

/** Node's arguments for the relay with the CLI's `args` (`--demo` included: the bundle holds the emulator). */
export function relayCommand(root, args) {
  return [...relayNodeFlags, relayBundle(root), ...args];
}
