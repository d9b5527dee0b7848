// An esbuild plugin for bundles of relay-core. relay-core finds its files (resources/catalog.json,
// dist/renderer) relative to `import.meta.url`; bundled, that would be the bundle's own URL, so
// each such module gets its original location back, expressed relative to the bundle's folder:
// it holds in the checkout and in the packaged app alike.
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';

/** The plugin for bundles written to `outDir`. */
export function keepModuleUrls(outDir) {
  return {
    name: 'keep-module-urls',
    setup(builder) {
      builder.onLoad({ filter: /[\\/]relay-core[\\/].*\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const fromBundle = relative(outDir, args.path).split(sep).join('/');
        return {
          contents: source.replaceAll(
            'import.meta.url',
            `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`,
          ),
          loader: 'ts',
        };
      });
    },
  };
}
