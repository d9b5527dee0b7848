import { describe, expect, it } from 'vitest';
import { ipcChannels } from '../shared/ipc-channels.js';
import { createPreloadApi } from './create-preload-api.js';

describe('preload API', () => {
  it('exposes exactly the four named functions, each on its own fixed channel', async () => {
    const calls: unknown[][] = [];
    const api = createPreloadApi(async (...args) => {
      calls.push(args);
      return { ok: true, value: null };
    });
    expect(Object.keys(api).sort()).toEqual([
      'getAppVersion',
      'getRelayEndpoint',
      'openExternal',
      'revealDataFolder',
    ]);
    expect(Object.isFrozen(api)).toBe(true);
    await api.getRelayEndpoint();
    await api.getAppVersion();
    await api.openExternal('https://github.com');
    await api.revealDataFolder();
    expect(calls).toEqual([
      [ipcChannels.getRelayEndpoint],
      [ipcChannels.getAppVersion],
      [ipcChannels.openExternal, 'https://github.com'],
      [ipcChannels.revealDataFolder],
    ]);
  });
});
