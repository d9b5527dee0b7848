// The headless relay as one esbuild bundle (dist/relay/cli.js), run under plain Node by
// `npm run relay` (scripts/run-relay.mjs) and by the team server (scripts/build-server.sh).
// Run directly, it bundles and exits.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { keepModuleUrls } from './keep-module-urls.mjs';

/** Bundles relay-core's CLI into `<root>/dist/relay`. */
export async function bundleRelay(root) {
  const outDir = join(root, 'dist', 'relay');
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['relay-core/src/cli.ts'],
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    sourcemap: true,
    // dependencies load from node_modules at run time (native ones cannot be bundled anyway)
    packages: 'external',
    plugins: [keepModuleUrls(outDir)],
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(outDir, { recursive: true });
  // written aside and renamed: a relay starting at the same time never reads half a bundle
  for (const file of result.outputFiles) {
    const aside = `${file.path}.${process.pid}.tmp`;
    writeFileSync(aside, file.contents);
    renameSync(aside, file.path);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleRelay(dirname(dirname(fileURLToPath(import.meta.url))));
}
