// Runs before `npm run relay`: builds the UI (dist/renderer) when it is missing or older than
// its sources, so a fresh clone serves /ui without a separate build step.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { newestMtime } from './newest-mtime.mjs';

const built = 'dist/renderer/index.html';

if (
  !existsSync(built) ||
  statSync(built).mtimeMs < Math.max(newestMtime('renderer'), statSync('vite.config.ts').mtimeMs)
) {
  console.error('switchboard: building the UI (dist/renderer)…');
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
    // the production bundle, whatever NODE_ENV the caller runs under (a test runner sets 'test')
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) {
    console.error('switchboard: the UI did not build; the relay still runs, /ui will answer 404');
  }
}
