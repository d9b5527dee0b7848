// `npm run relay`: the headless relay as one esbuild bundle under plain Node, the way the app runs
// it, rather than its TypeScript through tsx (whose compiler would stay in memory and in every
// request's stack). The bundle (dist/relay/cli.js) is rebuilt when it is missing or older than
// relay-core's sources, as ensure-ui.mjs does for the UI. Arguments go to the relay's CLI.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleRelay } from './bundle-relay.mjs';
import { relayBundle, relayCommand } from './relay-command.mjs';
import { newestMtime } from './newest-mtime.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bundle = relayBundle(root);

function stale() {
  if (!existsSync(bundle)) return true;
  const sources = Math.max(
    newestMtime(join(root, 'relay-core', 'src')),
    statSync(fileURLToPath(import.meta.url)).mtimeMs,
    statSync(join(root, 'scripts', 'bundle-relay.mjs')).mtimeMs,
    statSync(join(root, 'scripts', 'keep-module-urls.mjs')).mtimeMs,
    statSync(join(root, 'scripts', 'relay-command.mjs')).mtimeMs,
  );
  return statSync(bundle).mtimeMs < sources;
}

if (stale()) {
  console.error('switchboard: bundling the relay (dist/relay)…');
  await bundleRelay(root);
}
const child = spawn(process.execPath, relayCommand(root, process.argv.slice(2)), {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
