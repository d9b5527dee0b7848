import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, ImpactValue } from 'axe-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Clicks a page's tab in the navigation bar and waits for that page's heading. */
export async function openPage(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 2, name: new RegExp(`^${name}`) }).waitFor();
}

/** One axe-core finding, shortened to what a reader of a failed test needs. */
export interface AxeFinding {
  rule: string;
  impact: ImpactValue | undefined;
  help: string;
  targets: string[];
  summary: string;
}

/**
 * Runs axe-core on what the page shows now (WCAG 2.x A and AA rules plus best practices) and
 * returns the violations of at least `least` impact.
 */
export async function axeViolations(page: Page, least: ImpactValue = 'serious'): Promise<AxeFinding[]> {
  // evaluated over the DevTools protocol, so the UI's strict CSP does not block it
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(
      document,
      { resultTypes: ['violations'] },
    ),
  );
  const order: ImpactValue[] = ['minor', 'moderate', 'serious', 'critical'];
  return results.violations
    .filter((violation) => order.indexOf(violation.impact ?? 'minor') >= order.indexOf(least))
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
      summary: violation.nodes[0]?.failureSummary ?? '',
    }));
}
