// `npm start`: the desktop app from a source checkout. Builds the UI when it is stale, bundles
// Electron's main and preload with esbuild, then runs Electron on the project, whose package.json
// "main" is dist/electron/main.js (the same layout electron-builder packages).
// `node scripts/start-desktop.mjs --build-only` stops after bundling (for CI, `npm run dist`, or
// without Electron). The bundles: main.js, relay-process.js (the relay's utility process) and
// preload.cjs in dist/electron.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { keepModuleUrls } from './keep-module-urls.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outDir = join(root, 'dist', 'electron');
const buildOnly = process.argv.includes('--build-only');

/** The Electron executable, or undefined when its postinstall download never happened. */
function findElectron() {
  try {
    // node_modules/electron exports the binary's path, and throws when path.txt is missing
    const binary = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

async function bundle() {
  const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node22', sourcemap: true };
  await build({
    ...common,
    entryPoints: ['electron/main/main.ts'],
    outfile: 'dist/electron/main.js',
    format: 'esm',
    // dependencies load from node_modules at run time (native ones cannot be bundled anyway)
    packages: 'external',
    plugins: [keepModuleUrls(outDir)],
  });
  // the relay's utility process (electron/relay-process), supervised by main
  await build({
    ...common,
    entryPoints: ['electron/relay-process/relay-process.ts'],
    outfile: 'dist/electron/relay-process.js',
    format: 'esm',
    packages: 'external',
    plugins: [keepModuleUrls(outDir)],
  });
  // a sandboxed preload is one CommonJS file that may require nothing but 'electron'
  await build({
    ...common,
    entryPoints: ['electron/preload/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    format: 'cjs',
    external: ['electron'],
  });
}

const electron = findElectron();
if (!electron && !buildOnly) {
  console.error(
    "Electron's binary is not installed (offline install, or ELECTRON_SKIP_BINARY_DOWNLOAD=1).\n" +
      'On a machine with internet, run `node node_modules/electron/install.js` (it downloads the binary),\n' +
      'then `npm start` again. Or use `npm run relay` for the headless relay with the same UI at\n' +
      'http://127.0.0.1:4141/ui',
  );
  process.exit(1);
}

spawnSync(process.execPath, [join(root, 'scripts', 'ensure-ui.mjs')], { cwd: root, stdio: 'inherit' });
if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
  console.error('switchboard: the UI (dist/renderer) did not build; see the errors above');
  process.exit(1);
}
await bundle();
if (buildOnly) {
  console.error(`switchboard: bundled main and preload into ${relative(root, outDir)}`);
  process.exit(0);
}

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron, ['.'], { cwd: root, stdio: 'inherit', env });
child.on('exit', (code, signal) => {
  if (code) {
    // better-sqlite3 ships a binary for Node's ABI; Electron's differs until it is rebuilt
    console.error(
      'switchboard: Electron exited with an error. If it mentions NODE_MODULE_VERSION, rebuild the\n' +
        'native modules for Electron: `npx @electron/rebuild -o better-sqlite3,keytar` (run `npm rebuild`\n' +
        'to go back to Node for `npm run relay`).',
    );
  }
  process.exit(code ?? (signal ? 1 : 0));
});
