import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The packages a bundle imports at run time, bundled as scripts/start-desktop.mjs does. */
async function runtimeImports(entry: string): Promise<string[]> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    logLevel: 'silent',
  });
  const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports);
  return [...new Set(imports.filter((entry) => entry.external).map((entry) => entry.path))].sort();
}

describe('desktop bundles', () => {
  it('keeps the relay out of main: no SQLite, no HTTP client, only config and secrets', async () => {
    const imports = await runtimeImports('electron/main/main.ts');
    expect(imports).toContain('electron');
    for (const heavy of ['better-sqlite3', 'undici', 'js-tiktoken/lite'])
      expect(imports).not.toContain(heavy);
  });

  it('runs the relay in the relay process, which needs no Electron', async () => {
    const imports = await runtimeImports('electron/relay-process/relay-process.ts');
    expect(imports).toContain('better-sqlite3');
    expect(imports).not.toContain('electron');
  });
});
