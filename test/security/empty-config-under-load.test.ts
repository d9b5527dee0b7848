import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { adminCall } from '../helpers/admin-call.js';
import { useHarness } from '../helpers/relay-harness.js';

const harness = useHarness();

const status = () => adminCall<{ configProblem?: { message: string } }>(harness.relay, '/admin/status');

describe('a config.yaml that goes empty while requests flow', () => {
  it('is never applied: 0 client errors through truncating saves, comment-only and provider-less files', async () => {
    const path = join(harness.home, 'config.yaml');
    const original = readFileSync(path, 'utf8');
    const failures: string[] = [];
    let answered = 0;
    let running = true;
    // eight tools sending requests back to back
    const clients = Array.from({ length: 8 }, async () => {
      while (running) {
        try {
          await harness.openai.chat.completions.create({
            model: 'gpt-4.1-nano',
            messages: [{ role: 'user', content: 'hi' }],
          });
          answered += 1;
        } catch (error) {
          failures.push(String(error));
        }
      }
    });
    try {
      await expect.poll(() => answered, { timeout: 10_000 }).toBeGreaterThan(20);
      // an editor that saves by truncating, then writing, 100 ms and 500 ms apart (the figures)
      for (const emptyForMs of [100, 500]) {
        writeFileSync(path, '');
        await pause(emptyForMs);
        writeFileSync(path, original);
        await pause(300);
      }
      // files that are no config at all, and one that drops every provider while tools use them
      for (const text of ['# only a comment\n', '~\n', '# all gone\nproviders: []\n']) {
        const logged = harness.logs.length;
        writeFileSync(path, text);
        await expect
          .poll(() => harness.logs.slice(logged).find((line) => line.includes('last good config stays')), {
            timeout: 5000,
          })
          .toBeDefined();
        expect((await status()).configProblem?.message).toMatch(/empty|removes every provider/);
      }
      const before = answered;
      await expect.poll(() => answered, { timeout: 10_000 }).toBeGreaterThan(before + 20);
      // the file made whole again is applied, and the problem is gone
      const logged = harness.logs.length;
      writeFileSync(path, original);
      await expect
        .poll(() => harness.logs.slice(logged).some((line) => line.includes('config: reloaded')), {
          timeout: 5000,
        })
        .toBe(true);
      expect((await status()).configProblem).toBeUndefined();
    } finally {
      running = false;
      await Promise.all(clients);
    }
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(50);
    // the log said why each time
    expect(harness.logs.join('\n')).toMatch(/the file is empty \(or holds only comments\)/);
    expect(harness.logs.join('\n')).toMatch(/removes every provider while requests are being served/);
  }, 60_000);
});
