import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/relay-harness.js';

const harness = useHarness();

describe('config.yaml reload in a running relay', () => {
  it('picks up a new route, and keeps the last good config when an edit is invalid', async () => {
    const path = join(harness.home, 'config.yaml');
    const original = readFileSync(path, 'utf8');
    const ask = (model: string) =>
      harness.openai.chat.completions
        .create({ model, messages: [{ role: 'user', content: 'hi' }] })
        .withResponse();

    await expect(ask('cheap')).rejects.toMatchObject({ status: 404 });
    writeFileSync(path, `${original}\nroutes:\n  - name: cheap\n    targets: [backup/gpt-4.1-nano]\n`);
    await expect
      .poll(() => harness.logs.some((line) => line.includes('config: reloaded')), { timeout: 5000 })
      .toBe(true);
    const routed = await ask('cheap');
    expect(routed.response.headers.get('x-relay-provider')).toBe('backup');

    writeFileSync(path, `${original}\nroutes:\n  - name: cheap\n    targets: []\n`);
    await expect
      .poll(() => harness.logs.find((line) => line.includes('routes[0].targets')), { timeout: 5000 })
      .toMatch(/config\.yaml: routes\[0\]\.targets: .*the last good config stays in force/);
    expect((await ask('cheap')).response.headers.get('x-relay-provider')).toBe('backup');
  });
});
