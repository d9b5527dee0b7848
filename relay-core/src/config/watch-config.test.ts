import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';
import type { Config } from './schema.js';
import { updateConfigFile } from './update-config.js';
import { watchConfig } from './watch-config.js';

const dirs: string[] = [];
const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A watcher whose next callback can be awaited: no fixed sleeps. */
function startWatching() {
  const home = mkdtempSync(join(tmpdir(), 'switchboard-watch-'));
  dirs.push(home);
  const { path } = loadConfig(home, {});
  type Event = { kind: 'change'; config: Config } | { kind: 'error'; error: Error };
  const queued: Event[] = [];
  let wake: (() => void) | undefined;
  const push = (event: Event) => {
    queued.push(event);
    wake?.();
  };
  const watcher = watchConfig(
    path,
    {
      onChange: (config) => push({ kind: 'change', config }),
      onError: (error) => push({ kind: 'error', error }),
    },
    { debounceMs: 20, settleMs: 200, env: {} },
  );
  closers.push(() => watcher.close());
  async function next(): Promise<Event> {
    while (queued.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return queued.shift()!;
  }
  return { home, path, next };
}

describe('watchConfig', () => {
  it('delivers a valid change, reports an invalid one, and recovers', async () => {
    const { path, next } = startWatching();
    writeFileSync(path, 'providers:\n  - id: groq\n');
    const changed = await next();
    expect(changed.kind === 'change' && changed.config.providers[0]?.id).toBe('groq');

    writeFileSync(path, 'providers:\n  - id: groq\n    timeout_ms: -5\n');
    const failed = await next();
    expect(failed.kind).toBe('error');
    expect(failed.kind === 'error' && failed.error.message).toMatch(
      /config\.yaml: providers\[0\]\.timeout_ms/,
    );

    writeFileSync(path, 'providers:\n  - id: groq\n  - id: mistral\n');
    const fixed = await next();
    expect(fixed.kind === 'change' && fixed.config.providers.map((provider) => provider.id)).toEqual([
      'groq',
      'mistral',
    ]);
  });

  it('follows an editor that saves by renaming a new file over the old one', async () => {
    const { home, path, next } = startWatching();
    const temp = join(home, '.config.yaml.swp');
    writeFileSync(temp, 'server:\n  port: 6000\n');
    renameSync(temp, path);
    const changed = await next();
    expect(changed.kind === 'change' && changed.config.server.port).toBe(6000);
    updateConfigFile(path, (document) => document.setIn(['server', 'port'], 6001));
    const again = await next();
    expect(again.kind === 'change' && again.config.server.port).toBe(6001);
  });

  it('gives a file seen empty time to fill before judging it, then reports it still empty', async () => {
    const { path, next } = startWatching();
    // an editor that truncates, then writes: nothing is said about the moment in between
    writeFileSync(path, '');
    setTimeout(() => writeFileSync(path, 'providers:\n  - id: groq\n'), 50);
    const filled = await next();
    expect(filled.kind === 'change' && filled.config.providers[0]?.id).toBe('groq');

    writeFileSync(path, '# nothing but a comment\n');
    const empty = await next();
    expect(empty.kind === 'error' && empty.error.message).toMatch(
      /the file is empty \(or holds only comments\)/,
    );
  });
});
