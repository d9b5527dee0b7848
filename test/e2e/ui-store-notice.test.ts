import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled } from '../helpers/launch-chromium.js';
import { startPostgres, startRedis, storesRequired, storesSkipReason } from '../helpers/team-stores.js';
import type { StoreServer } from '../helpers/team-stores.js';
import { axeViolations, openPage } from '../helpers/ui-page.js';
import { poll, startUiSession } from '../helpers/ui-session.js';
import type { UiSession } from '../helpers/ui-session.js';

// The demo relay with its state on a private Redis and its history on a private PostgreSQL, in
// the window: killing a store brings its notice onto every page, restarting it takes the notice
// away. The window asks for /admin/status on its own schedule, so each wait is for what it shows,
// as long as a status round and the history writer's retry.
const inTime = { timeout: 45_000 };

describe.skipIf(!browserTestsEnabled || !storesRequired)(
  `the window says when a team store is away (headless Chromium; ${storesSkipReason})`,
  { timeout: 150_000 },
  () => {
    let redis: StoreServer;
    let postgres: StoreServer;
    let session: UiSession;
    let light: Page;
    let dark: Page;

    beforeAll(async () => {
      [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
      session = await startUiSession({
        SWITCHBOARD_REDIS_URL: redis.url,
        SWITCHBOARD_DATABASE_URL: postgres.url,
      });
    }, 180_000);
    afterAll(async () => {
      await session?.close();
      await Promise.all([redis?.stop(), postgres?.stop()]);
    });

    const notice = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });
    const empty = (page: Page) => page.getByTestId('store-notice').textContent();

    it('shows nothing while both stores answer', async () => {
      await poll(
        () => session.relay.admin<{ state: unknown }>('/admin/status').then((status) => status.state),
        {
          timeout: 20_000,
        },
      ).toMatchObject({ kind: 'redis', shared: true });
      light = await session.newPage();
      dark = await session.newPage({ width: 1440, height: 900 }, 'dark');
      expect(await empty(light)).toBe('');
    });

    it('says state is this relay’s own on every page while Redis is down, passing axe in both themes, until it is back', async () => {
      await redis.kill();
      for (const page of [light, dark]) await notice(page, 'Shared state unavailable').waitFor(inTime);
      const text = await notice(light, 'Shared state unavailable').textContent();
      expect(text).toContain(
        'limits, budgets and circuit breakers apply to this relay only until Redis returns',
      );
      expect(text).toContain(`Redis at ${new URL(redis.url).host}`);
      expect(await axeViolations(light)).toEqual([]);
      expect(await axeViolations(dark)).toEqual([]);
      // the frame's notice, not one page's
      await openPage(light, 'History');
      await notice(light, 'Shared state unavailable').waitFor();

      await redis.restart();
      for (const page of [light, dark])
        await notice(page, 'Shared state unavailable').waitFor({ state: 'detached', ...inTime });
      expect(await empty(light)).toBe('');
    });

    it('counts the requests waiting while PostgreSQL is down, and clears when they are written', async () => {
      await postgres.kill();
      const answered = await session.ask({
        model: 'demo/gpt-4.1-nano',
        messages: [{ role: 'user', content: 'Name a river.' }],
      });
      expect(answered.status).toBe(200);
      const waiting = notice(
        light,
        'History database unreachable: 1 request waiting, written when it returns.',
      );
      await waiting.waitFor(inTime);
      expect(await axeViolations(light)).toEqual([]);

      await postgres.restart();
      await waiting.waitFor({ state: 'detached', ...inTime });
      expect(await empty(light)).toBe('');
      // written, as the notice promised
      await openPage(light, 'History');
      await light.getByTestId('history-row').filter({ hasText: 'gpt-4.1-nano' }).first().waitFor();
    });
  },
);
