// `npm run dist`: installers for the current OS (electron-builder.yml) into out/. Bundles the UI,
// main, preload and relay process first (start-desktop.mjs --build-only); electron-builder then
// downloads the Electron it packages, rebuilds the native modules for it and flips the fuses.
// Extra arguments go to electron-builder (`npm run dist -- --linux deb`).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const builderPackage = join(root, 'node_modules', 'electron-builder', 'package.json');
if (!existsSync(builderPackage)) {
  console.error(
    'switchboard: electron-builder is not installed. Add it with `npm install --save-dev electron-builder`,\n' +
      'then run `npm run dist` again (on a machine that can download Electron).',
  );
  process.exit(1);
}
const { bin } = JSON.parse(readFileSync(builderPackage, 'utf8'));
const cli = join(dirname(builderPackage), typeof bin === 'string' ? bin : bin['electron-builder']);

const run = (args) => {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run([join(root, 'scripts', 'start-desktop.mjs'), '--build-only']);
run([cli, '--config', 'electron-builder.yml', '--publish', 'never', ...process.argv.slice(2)]);
