import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relayNodeFlags } from './relay-node-flags.js';
import { spawnUtilityRelay } from './spawn-relay.js';
import type { UtilityProcessFactory } from './spawn-relay.js';

describe('the relay process', () => {
  it("runs in Electron's utility process with the relay's heap settings", () => {
    const forks: Array<{ modulePath: string; args: string[]; execArgv?: string[] }> = [];
    const factory: UtilityProcessFactory = {
      fork(modulePath, args, options) {
        forks.push({ modulePath, args, execArgv: options.execArgv });
        return { postMessage: () => undefined, kill: () => true, on: () => undefined };
      },
    };
    spawnUtilityRelay(factory, { entry: '/app/relay-process.js', args: ['--ui-root', '/app/ui'] })(4141);
    expect(forks).toEqual([
      {
        modulePath: '/app/relay-process.js',
        args: ['--port', '4141', '--ui-root', '/app/ui'],
        execArgv: [...relayNodeFlags],
      },
    ]);
    expect(relayNodeFlags).toEqual(['--heap-growing-percent=50']);
  });

  it('gets the same heap settings from `npm run relay` as in the desktop app', async () => {
    const scripts = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).scripts;
    expect(scripts.relay).toBe('node scripts/run-relay.mjs');
    // @ts-expect-error: a plain JavaScript script, without types
    const { relayCommand } = (await import('../../scripts/relay-command.mjs')) as {
      relayCommand: (root: string, args: string[]) => string[];
    };
    expect(relayCommand('/project', ['--port', '4141'])).toEqual([
      ...relayNodeFlags,
      join('/project', 'dist', 'relay', 'cli.js'),
      '--port',
      '4141',
    ]);
    // the demo runs the same bundle under plain Node: no TypeScript loader
    expect(relayCommand('/project', ['--demo'])).toEqual([
      ...relayNodeFlags,
      join('/project', 'dist', 'relay', 'cli.js'),
      '--demo',
    ]);
  });
});
