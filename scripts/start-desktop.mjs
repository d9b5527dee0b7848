// `npm start`: builds the UI and the Electron main/preload bundles, then runs Electron.
// Electron's binary is downloaded by its own installer; offline installs skip it
// (ELECTRON_SKIP_BINARY_DOWNLOAD=1), and then this says what to do instead of failing obscurely.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
let electronBinary;
try {
  electronBinary = require('electron');
} catch {
  electronBinary = undefined;
}
if (typeof electronBinary !== 'string' || !existsSync(electronBinary)) {
  console.error(
    "Electron's binary is not installed (an offline install, or ELECTRON_SKIP_BINARY_DOWNLOAD=1).\n" +
      'On a machine with internet access run `node node_modules/electron/install.js`, then `npm start` again.\n' +
      'Meanwhile `npm run relay` serves the same UI at http://127.0.0.1:4141/ui',
  );
  process.exit(1);
}

const ui = spawnSync('npm', ['run', 'build:ui'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (ui.status !== 0) process.exit(ui.status ?? 1);
const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  external: ['electron', 'better-sqlite3', 'keytar'],
};
await build({
  ...common,
  entryPoints: ['electron/main/main.ts'],
  outfile: 'dist/electron/main/main.js',
  format: 'esm',
});
// sandboxed preloads must be a single CommonJS file
await build({
  ...common,
  entryPoints: ['electron/preload/preload.ts'],
  outfile: 'dist/electron/preload/preload.js',
  format: 'cjs',
});
spawn(electronBinary, ['dist/electron/main/main.js'], { stdio: 'inherit' }).on('exit', (code) =>
  process.exit(code ?? 0),
);
