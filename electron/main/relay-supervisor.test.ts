import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../test/helpers/free-port.js';
import { createRelaySupervisor } from './relay-supervisor.js';
import type { RelayChild, RelayStatus, RelaySupervisor, Timers } from './relay-supervisor.js';
import { spawnNodeRelay } from './spawn-relay.js';

const tinyRelay = fileURLToPath(new URL('./__fixtures__/tiny-relay.mjs', import.meta.url));

/** Timers the test fires by hand: restart delays are read, never waited for. */
function manualTimers() {
  const pending = new Map<number, { run: () => void; ms: number }>();
  let next = 0;
  const timers: Timers = {
    setTimeout: (run, ms) => (pending.set(++next, { run, ms }), next),
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  /** Runs the pending timer of exactly `ms`, as if that much time had passed. */
  const fire = (ms: number) => {
    const entry = [...pending].find(([, timer]) => timer.ms === ms);
    if (!entry) throw new Error(`no timer of ${ms} ms; pending: ${[...pending.values()].map((t) => t.ms)}`);
    pending.delete(entry[0]);
    entry[1].run();
  };
  return { timers, fire, delays: () => [...pending.values()].map((timer) => timer.ms) };
}

let supervisor: RelaySupervisor | undefined;
let blocker: Server | undefined;
afterEach(async () => {
  await supervisor?.stop();
  await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
  supervisor = blocker = undefined;
});

function supervise(port: number, clock = { now: 0 }) {
  const { timers, fire, delays } = manualTimers();
  const statuses: RelayStatus[] = [];
  const waiters: Array<{ state: RelayStatus['state']; resolve: (status: RelayStatus) => void }> = [];
  const children: RelayChild[] = [];
  const spawn = spawnNodeRelay({ entry: tinyRelay });
  supervisor = createRelaySupervisor({
    port,
    spawn: (at) => {
      const child = spawn(at);
      children.push(child);
      return child;
    },
    timers,
    now: () => clock.now,
    log: () => undefined,
    onStatus: (status) => {
      statuses.push(status);
      for (const waiter of waiters.filter((candidate) => candidate.state === status.state)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(status);
      }
    },
  });
  /** Resolves on the next status of that state (event-driven; nothing polls or sleeps). */
  const next = (state: RelayStatus['state']) =>
    new Promise<RelayStatus>((resolve) => waiters.push({ state, resolve }));
  return { supervisor, statuses, next, fire, delays, children };
}

// a fresh connection each time: a pooled socket to a process that just died must not be reused
const pidOn = async (port: number) =>
  (await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } })).text();
const crash = (port: number) => fetch(`http://127.0.0.1:${port}/crash`).catch(() => undefined);

describe('relay supervisor (real child processes)', () => {
  it('restarts a crashed relay on the same port, with growing delays that reset after a long run', async () => {
    const port = await freePort();
    const clock = { now: 0 };
    const run = supervise(port, clock);
    let running = run.next('running');
    run.supervisor.start();
    expect(await running).toMatchObject({ state: 'running', port, url: `http://127.0.0.1:${port}` });
    const firstPid = await pidOn(port);

    let restarting = run.next('restarting');
    void crash(port);
    expect(await restarting).toEqual({ state: 'restarting', port, delayMs: 500, crashes: 1 });
    await expect(pidOn(port)).rejects.toThrow();
    running = run.next('running');
    run.fire(500);
    expect(await running).toMatchObject({ state: 'running', port });
    const secondPid = await pidOn(port);
    expect(secondPid).not.toBe(firstPid);

    // killed from outside right after it came back: the next delay doubles
    restarting = run.next('restarting');
    run.children.at(-1)!.kill();
    expect(await restarting).toMatchObject({ delayMs: 1000, crashes: 2 });
    running = run.next('running');
    run.fire(1000);
    await running;
    expect(await pidOn(port)).not.toBe(secondPid);

    // a relay that ran for minutes before crashing starts the backoff over
    clock.now += 120_000;
    restarting = run.next('restarting');
    void crash(port);
    expect(await restarting).toMatchObject({ delayMs: 500, crashes: 1 });
    running = run.next('running');
    run.fire(500);
    await running;
    expect(run.statuses.filter((status) => status.state === 'running').every((s) => s.port === port)).toBe(
      true,
    );
  });

  it('reports a taken port with a message instead of restarting, and moves to another port on request', async () => {
    blocker = createServer();
    const taken = await new Promise<number>((resolve) =>
      blocker!.listen(0, '127.0.0.1', () => resolve((blocker!.address() as { port: number }).port)),
    );
    const run = supervise(taken);
    const inUse = run.next('port-in-use');
    run.supervisor.start();
    const status = await inUse;
    expect(status).toMatchObject({ state: 'port-in-use', port: taken });
    expect(status.state === 'port-in-use' && status.message).toContain(`Port ${taken} is already used`);
    expect(run.delays()).toEqual([]);
    expect(run.children).toHaveLength(1);

    const other = await freePort();
    const running = run.next('running');
    run.supervisor.usePort(other);
    expect(await running).toMatchObject({ state: 'running', port: other });
    expect(Number(await pidOn(other))).toBeGreaterThan(0);
  });

  it('pauses (the port stops answering), resumes on the same port, and stops for good', async () => {
    const port = await freePort();
    const run = supervise(port);
    let running = run.next('running');
    run.supervisor.start();
    await running;
    await run.supervisor.pause();
    expect(run.supervisor.status()).toEqual({ state: 'paused', port });
    await expect(pidOn(port)).rejects.toThrow();
    expect(run.delays()).toEqual([]);

    running = run.next('running');
    run.supervisor.resume();
    await running;
    expect(Number(await pidOn(port))).toBeGreaterThan(0);

    await run.supervisor.stop();
    expect(run.supervisor.status()).toEqual({ state: 'stopped', port });
    await expect(pidOn(port)).rejects.toThrow();
    run.supervisor.start();
    expect(run.children).toHaveLength(2);
  });

  it('kills a relay that does not stop in time, and gives up after too many crashes', async () => {
    const { timers, fire } = manualTimers();
    const killed: string[] = [];
    let exit: ((code: number | null) => void) | undefined;
    const statuses: RelayStatus[] = [];
    const stubborn = createRelaySupervisor({
      port: 4141,
      timers,
      log: () => undefined,
      maxCrashes: 2,
      onStatus: (status) => statuses.push(status),
      spawn: () => ({
        send: () => undefined,
        kill: () => (killed.push('kill'), exit?.(null)),
        onMessage: () => undefined,
        onExit: (listener) => void (exit = listener),
      }),
    });
    stubborn.start();
    exit!(1);
    fire(500);
    exit!(1);
    fire(1000);
    exit!(1);
    expect(statuses.at(-1)).toEqual({
      state: 'failed',
      port: 4141,
      message: 'The relay crashed 2 times in a row and was not restarted.',
    });
    stubborn.resume();
    const stopped = stubborn.stop();
    expect(killed).toEqual([]);
    fire(5000);
    await stopped;
    expect(killed).toEqual(['kill']);
    expect(stubborn.status().state).toBe('stopped');
  });

  it('reports a relay process that cannot be started at all, without retrying', () => {
    const { timers, delays } = manualTimers();
    const failing = createRelaySupervisor({
      port: 4141,
      timers,
      log: () => undefined,
      spawn: () => {
        throw new Error('Cannot find module relay-process.js');
      },
    });
    failing.start();
    expect(failing.status()).toEqual({
      state: 'failed',
      port: 4141,
      message: 'The relay process could not be started: Cannot find module relay-process.js',
    });
    expect(delays()).toEqual([]);
  });

  it('keeps the port the OS picked when asked for port 0', async () => {
    const run = supervise(0);
    let running = run.next('running');
    run.supervisor.start();
    const first = await running;
    expect(first.port).toBeGreaterThan(0);
    const restarting = run.next('restarting');
    void crash(first.port);
    expect(await restarting).toMatchObject({ port: first.port });
    running = run.next('running');
    run.fire(500);
    expect(await running).toMatchObject({ state: 'running', port: first.port });
  });
});
