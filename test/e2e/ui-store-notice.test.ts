import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled } from '../helpers/launch-chromium.js';
import { startRedis, storesRequired, storesSkipReason } from '../helpers/team-stores.js';
import type { StoreServer } from '../helpers/team-stores.js';
import { axeViolations, openPage } from '../helpers/ui-page.js';
import { poll, startUiSession } from '../helpers/ui-session.js';
import type { UiSession } from '../helpers/ui-session.js';

// The demo relay with `storage.state` on a private Redis, in the window: killing Redis brings the
// shared-state notice onto every page, and restarting it takes the notice away. The window asks
// for /admin/status on its own schedule, so the waits are for what it shows, as long as one round.
const shown = { timeout: 40_000 };

describe.skipIf(!browserTestsEnabled || !storesRequired)(
  `the window says when Redis is away (headless Chromium; ${storesSkipReason})`,
  { timeout: 120_000 },
  () => {
    let redis: StoreServer;
    let session: UiSession;

    beforeAll(async () => {
      redis = await startRedis();
      session = await startUiSession({ SWITCHBOARD_REDIS_URL: redis.url });
    }, 180_000);
    afterAll(async () => {
      await session?.close();
      await redis?.stop();
    });

    const notice = (page: Page) => page.getByRole('status').filter({ hasText: 'Shared state unavailable' });

    it('shows the notice on every page while Redis is down, passing axe in both themes, and drops it when Redis is back', async () => {
      await poll(
        () => session.relay.admin<{ state: unknown }>('/admin/status').then((status) => status.state),
        {
          timeout: 20_000,
        },
      ).toMatchObject({ kind: 'redis', shared: true });
      const light = await session.newPage();
      const dark = await session.newPage({ width: 1440, height: 900 }, 'dark');
      // nothing to say while Redis answers
      expect(await light.getByTestId('store-notice').textContent()).toBe('');

      await redis.kill();
      for (const page of [light, dark]) await notice(page).waitFor(shown);
      const text = await notice(light).textContent();
      expect(text).toContain(
        'limits, budgets and circuit breakers apply to this relay only until Redis returns',
      );
      expect(text).toContain(`Redis at ${new URL(redis.url).host}`);
      expect(await axeViolations(light)).toEqual([]);
      expect(await axeViolations(dark)).toEqual([]);
      // the frame's notice, not one page's
      await openPage(light, 'History');
      await notice(light).waitFor();

      await redis.restart();
      for (const page of [light, dark]) await notice(page).waitFor({ state: 'detached', ...shown });
      expect(await light.getByTestId('store-notice').textContent()).toBe('');
    });
  },
);
