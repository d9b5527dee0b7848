import { describe, expect, it } from 'vitest';
import { ipcChannels } from '../shared/ipc-channels.js';
import { createPreloadApi } from './create-preload-api.js';
import type { Invoke } from './create-preload-api.js';

function recordingInvoke() {
  const calls: unknown[][] = [];
  const invoke = (async (...args: unknown[]) => {
    calls.push(args);
    return { ok: true };
  }) as Invoke;
  return { calls, invoke };
}

describe('preload API', () => {
  it('exposes exactly the four named functions and nothing else', () => {
    const api = createPreloadApi(recordingInvoke().invoke);
    expect(Object.keys(api).sort()).toEqual([
      'getAppVersion',
      'getRelayEndpoint',
      'openExternal',
      'revealDataFolder',
    ]);
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
    expect('invoke' in api).toBe(false);
  });

  it('calls only the allowlisted channel of each function', async () => {
    const { calls, invoke } = recordingInvoke();
    const api = createPreloadApi(invoke);
    await api.getRelayEndpoint();
    await api.getAppVersion();
    await api.openExternal('https://github.com/');
    await api.revealDataFolder();
    expect(calls).toEqual([
      ['relay:get-endpoint'],
      ['app:get-version'],
      ['shell:open-external', 'https://github.com/'],
      ['shell:reveal-data-folder'],
    ]);
    const allowed = new Set<string>(Object.values(ipcChannels));
    expect(calls.every(([channel]) => allowed.has(channel as string))).toBe(true);
  });

  it('passes a string, never the object a page handed over', async () => {
    const { calls, invoke } = recordingInvoke();
    const sneaky = { toString: () => 'https://github.com/' };
    await createPreloadApi(invoke).openExternal(sneaky as unknown as string);
    expect(calls).toEqual([['shell:open-external', 'https://github.com/']]);
  });
});
