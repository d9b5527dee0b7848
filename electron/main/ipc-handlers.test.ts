import { describe, expect, it } from 'vitest';
import { ipcChannels } from '../shared/ipc-channels.js';
import { registerIpcHandlers } from './ipc-handlers.js';
import type { IpcHandlerDeps, IpcRegistry } from './ipc-handlers.js';

const origin = 'http://127.0.0.1:4141';
const trusted = { senderFrame: { url: `${origin}/ui/` } };
const foreign = { senderFrame: { url: 'https://evil.example/' } };

function setup(overrides: Partial<IpcHandlerDeps> = {}) {
  const opened: string[] = [];
  const handlers = new Map<string, Parameters<IpcRegistry['handle']>[1]>();
  registerIpcHandlers(
    { handle: (channel, listener) => void handlers.set(channel, listener) },
    {
      appOrigin: origin,
      endpoint: () => ({ url: origin, adminToken: 'admin-token' }),
      appVersion: () => '0.1.0',
      dataFolder: () => '/home/me/.config/Switchboard',
      openExternal: async (url) => void opened.push(url),
      openPath: async (path) => (opened.push(path), ''),
      ...overrides,
    },
  );
  const call = (channel: string, event: typeof trusted | typeof foreign, ...args: unknown[]) =>
    handlers.get(channel)!(event, ...args);
  return { handlers, opened, call };
}

describe('IPC handlers', () => {
  it('registers exactly the channels of the contract', () => {
    expect([...setup().handlers.keys()].sort()).toEqual(Object.values(ipcChannels).sort());
  });

  it('answers the app frame', async () => {
    const { call, opened } = setup();
    expect(await call('relay:get-endpoint', trusted)).toEqual({ url: origin, adminToken: 'admin-token' });
    expect(await call('app:get-version', trusted)).toBe('0.1.0');
    expect(await call('shell:open-external', trusted, 'https://github.com/')).toEqual({ ok: true });
    expect(await call('shell:reveal-data-folder', trusted)).toEqual({ ok: true });
    expect(opened).toEqual(['https://github.com/', '/home/me/.config/Switchboard']);
  });

  it('gives a frame from another origin nothing, on every channel', async () => {
    const { call, opened } = setup();
    for (const channel of Object.values(ipcChannels)) {
      await expect(call(channel, foreign, 'https://github.com/')).rejects.toThrow('sender not allowed');
      await expect(call(channel, { senderFrame: null } as never)).rejects.toThrow('sender not allowed');
    }
    expect(opened).toEqual([]);
  });

  it('refuses links off the allowlist and reports a folder that would not open', async () => {
    const { call, opened } = setup({ openPath: async () => 'Failed to open path' });
    expect(await call('shell:open-external', trusted, 'file:///etc/passwd')).toMatchObject({
      ok: false,
      code: 'URL_NOT_ALLOWED',
    });
    expect(await call('shell:reveal-data-folder', trusted)).toEqual({
      ok: false,
      code: 'OPEN_FAILED',
      message: 'Failed to open path',
    });
    expect(opened).toEqual([]);
  });

  it('follows the relay to another port: the old origin is no longer trusted', async () => {
    let current = origin;
    const { call } = setup({ appOrigin: () => current });
    expect(await call('app:get-version', trusted)).toBe('0.1.0');
    current = 'http://127.0.0.1:4142';
    await expect(call('app:get-version', trusted)).rejects.toThrow('sender not allowed');
    expect(await call('app:get-version', { senderFrame: { url: `${current}/ui/` } })).toBe('0.1.0');
  });
});
