/* global module */
/**
 * The relay's layers, checked in `npm run lint` (docs/architecture.md draws them). A folder may
 * import its own layer and the layers below it, never one above. The upstream emulator stands
 * apart: it imports nothing of the relay, and only `--demo` starts it.
 */
const src = '^relay-core/src/';

/** Lowest first. */
const layers = [
  ['canonical', 'shared'],
  ['tokens', 'secrets', 'catalog', 'store', 'state', 'config', 'telemetry'],
  ['dialects', 'providers', 'routing', 'discovery'],
  ['cache', 'gates'],
  ['pipeline'],
  ['server', 'connect', 'admin', 'cli'],
];

const above = (index) =>
  layers
    .slice(index + 1)
    .flat()
    .map((folder) => `${src}${folder}/`);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle (the renderer store slices excepted: zustand slices see the whole store).',
      from: { pathNot: '^renderer/src/store/' },
      to: { circular: true },
    },
    ...layers.slice(0, -1).flatMap((folders, index) =>
      folders.map((folder) => ({
        name: `layer-${folder}`,
        severity: 'error',
        comment: `${folder} imports only its own layer and those below it`,
        from: { path: `${src}${folder}/`, pathNot: '\\.test\\.ts$' },
        to: { path: above(index), dependencyTypesNot: ['type-only'] },
      })),
    ),
    {
      name: 'emulator-stands-alone',
      severity: 'error',
      comment:
        'The emulator plays the providers: it speaks their HTTP from recordings and knows nothing of the relay.',
      from: { path: `${src}emulator/` },
      to: { path: src, pathNot: `${src}emulator/` },
    },
    {
      name: 'emulator-only-for-demo',
      severity: 'error',
      comment: 'The product starts the emulator only for `--demo` (cli/start-demo-upstream.ts).',
      from: { path: src, pathNot: `${src}(emulator/|cli/start-demo-upstream\\.ts$)|\\.test\\.ts$` },
      to: { path: `${src}emulator/` },
    },
    {
      name: 'no-test-in-product',
      severity: 'error',
      comment: 'The product never imports the test folder (a user runs what ships).',
      from: { path: '^(relay-core/src|renderer/src|electron)/', pathNot: '\\.test\\.tsx?$|\\.fixture\\.ts$' },
      to: { path: '^test/' },
    },
    {
      name: 'renderer-over-http',
      severity: 'error',
      comment: 'The window talks to the relay over HTTP only.',
      from: { path: '^renderer/src/' },
      to: { path: '^relay-core/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|out|artifacts)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
