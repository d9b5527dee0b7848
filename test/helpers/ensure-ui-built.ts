import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = join(root, 'dist/renderer/index.html');
const lock = join(root, 'dist/.ui-build-lock');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const fresh = () =>
  existsSync(built) &&
  statSync(built).mtimeMs >=
    Math.max(newest(join(root, 'renderer')), statSync(join(root, 'vite.config.ts')).mtimeMs);

/**
 * Builds the renderer (dist/renderer) when it is missing or older than its sources. Browser test
 * files run in parallel processes: a lock directory makes one build while the others wait for it.
 */
export async function ensureUiBuilt(): Promise<void> {
  for (let waited = 0; !fresh(); waited += 100) {
    mkdirSync(join(root, 'dist'), { recursive: true });
    try {
      mkdirSync(lock);
    } catch {
      // another test process is building; a lock older than two minutes is from a crashed run
      if (waited > 120_000) rmSync(lock, { recursive: true, force: true });
      await delay(100);
      continue;
    }
    try {
      if (!fresh()) {
        const { build } = await import('vite');
        // the bundle users get: under Vitest NODE_ENV is 'test', and React would be built for
        // development (StrictMode then runs every effect twice, asking the relay everything twice)
        const before = process.env.NODE_ENV;
        process.env.NODE_ENV = 'production';
        try {
          await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
        } finally {
          process.env.NODE_ENV = before;
        }
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
