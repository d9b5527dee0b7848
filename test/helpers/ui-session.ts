import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startDemoRelay } from './demo-relay.js';
import type { DemoRelay } from './demo-relay.js';
import { ensureUiBuilt } from './ensure-ui-built.js';
import { browserTestsEnabled, launchChromium } from './launch-chromium.js';

/** A browser on the window of `npm run relay -- --demo`, for the browser suites. */
export interface UiSession {
  relay: DemoRelay;
  browser: Browser;
  /** Where the demo's emulator listens (its `/__emulator/*` controls slow or fail its answers). */
  emulatorOrigin: string;
  /** A page in a fresh browser profile (its own local storage), on the Overview once loaded. */
  newPage(viewport?: { width: number; height: number }, colorScheme?: 'light' | 'dark'): Promise<Page>;
  /** Asks the emulator to slow or fail the next matching answers. */
  fault(spec: object): Promise<void>;
  /** A chat request with the demo's client key (or another), answered as text or JSON. */
  ask(body: object, key?: string): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

/** Starts the demo relay (with extra environment, e.g. a store URL) and a headless Chromium beside it. */
export async function startUiSession(env: Record<string, string> = {}): Promise<UiSession> {
  await ensureUiBuilt();
  const relay = await startDemoRelay(env);
  const status = await relay.admin<{ providers: Array<{ id: string; baseUrl: string }> }>('/admin/status');
  const emulatorOrigin = new URL(status.providers.find((provider) => provider.id === 'demo')!.baseUrl).origin;
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  return {
    relay,
    browser,
    emulatorOrigin,
    async newPage(viewport = { width: 1280, height: 800 }, colorScheme: 'light' | 'dark' = 'light') {
      const context = await browser.newContext({ viewport, colorScheme });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(relay.uiUrl);
      await page.getByTestId('endpoint').getByText(`${relay.url}/v1`).waitFor();
      return page;
    },
    async fault(spec) {
      const response = await fetch(`${emulatorOrigin}/__emulator/faults`, {
        method: 'POST',
        body: JSON.stringify(spec),
      });
      expect(response.status).toBe(200);
    },
    async ask(body, key = relay.clientKey) {
      const response = await fetch(`${relay.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, text: await response.text() };
    },
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
      await relay.close();
    },
  };
}

/** A UI session for the test file: started before its tests when browser tests run here, closed after. */
export function useUiSession(): UiSession {
  const session = {} as UiSession;
  beforeAll(async () => {
    if (browserTestsEnabled) Object.assign(session, await startUiSession());
  }, 180_000);
  afterAll(async () => {
    await session.close?.();
  });
  return session;
}

/** Auto-waiting expectations, patient enough for two shared cores under parallel test files. */
export const poll = <T>(read: () => T | Promise<T>, options: { timeout?: number } = {}) =>
  expect.poll(read, { timeout: 10_000, ...options });
