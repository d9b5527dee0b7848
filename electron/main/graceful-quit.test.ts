import { describe, expect, it } from 'vitest';
import { installGracefulQuit } from './graceful-quit.js';
import type { QuittingApp } from './graceful-quit.js';

function fakeApp() {
  let listener: ((event: { preventDefault(): void }) => void) | undefined;
  let quits = 0;
  const app: QuittingApp = {
    on: (_event, added) => void (listener = added),
    quit: () => void quits++,
  };
  /** Asks to quit the way Electron does; true when the quit went through. */
  const requestQuit = () => {
    let prevented = false;
    listener!({ preventDefault: () => (prevented = true) });
    return !prevented;
  };
  return { app, requestQuit, quits: () => quits };
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

describe('graceful quit', () => {
  it('waits for the relay to close, then quits once', async () => {
    const fake = fakeApp();
    const closed = deferred();
    let closes = 0;
    installGracefulQuit(fake.app, { close: () => (closes++, closed.promise) }, { schedule: () => undefined });
    expect(fake.requestQuit()).toBe(false);
    expect(fake.requestQuit()).toBe(false);
    expect(closes).toBe(1);
    expect(fake.quits()).toBe(0);
    closed.resolve();
    await closed.promise;
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.quits()).toBe(1);
    expect(fake.requestQuit()).toBe(true);
  });

  it('quits even when closing fails or hangs', async () => {
    const failing = fakeApp();
    const logs: string[] = [];
    installGracefulQuit(
      failing.app,
      { close: async () => Promise.reject(new Error('disk full')) },
      { schedule: () => undefined, log: (line) => logs.push(line) },
    );
    failing.requestQuit();
    await new Promise((resolve) => setImmediate(resolve));
    expect(failing.quits()).toBe(1);
    expect(logs.join()).toContain('disk full');

    const hanging = fakeApp();
    let timeout: (() => void) | undefined;
    installGracefulQuit(
      hanging.app,
      { close: () => new Promise(() => undefined) },
      { schedule: (run) => void (timeout = run), log: (line) => logs.push(line) },
    );
    hanging.requestQuit();
    expect(hanging.quits()).toBe(0);
    timeout!();
    expect(hanging.quits()).toBe(1);
    expect(logs.at(-1)).toContain('did not close');
  });
});
