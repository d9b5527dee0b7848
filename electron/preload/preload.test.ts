import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ipcChannels } from '../shared/ipc-channels.js';

/**
 * The real preload, bundled the way `npm start` and `npm run dist` bundle it (one CommonJS file),
 * run in a bare context whose only module is a fake 'electron': what it hands to the page is what
 * `exposeInMainWorld` receives.
 */
async function loadPreload() {
  const bundled = await build({
    entryPoints: [fileURLToPath(new URL('./preload.ts', import.meta.url))],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    logLevel: 'silent',
  });
  const exposed: Array<{ key: string; api: Record<string, unknown> }> = [];
  const invoked: unknown[][] = [];
  const required: string[] = [];
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push({ key, api }),
    },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => (invoked.push(args), undefined),
      send: () => invoked.push(['send']),
      on: () => invoked.push(['on']),
    },
  };
  const module = { exports: {} };
  const require = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${name}`);
  };
  runInNewContext(bundled.outputFiles[0]!.text, { module, exports: module.exports, require });
  return { exposed, invoked, required };
}

describe('preload as bundled', () => {
  it('exposes exactly window.switchboard with the four named functions, and nothing else', async () => {
    const { exposed, required } = await loadPreload();
    expect(exposed.map((entry) => entry.key)).toEqual(['switchboard']);
    const api = exposed[0]!.api;
    expect(Object.getOwnPropertyNames(api).sort()).toEqual(
      ['getAppVersion', 'getRelayEndpoint', 'openExternal', 'revealDataFolder'].sort(),
    );
    expect(Object.getOwnPropertySymbols(api)).toEqual([]);
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('reaches main only over the contract’s channels, with invoke alone', async () => {
    const { exposed, invoked } = await loadPreload();
    const api = exposed[0]!.api as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const call of Object.values(api)) await call('https://github.com/');
    const allowed = new Set<unknown>(Object.values(ipcChannels));
    expect(invoked.map(([channel]) => channel).sort()).toEqual([...allowed].sort());
    // only openExternal carries an argument; the rest ignore what the page passes
    expect(invoked.filter((args) => args.length > 1)).toEqual([
      ['shell:open-external', 'https://github.com/'],
    ]);
  });
});
