import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';

// What the specs check of a page at a phone's width and a desktop's: no sideways scrolling, axe clean,
// and a full-page screenshot to look at.

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `${page.url()} is ${scroll} px wide in a ${client} px window`).toBeLessThanOrEqual(client);
}

/** A full-page screenshot from the top, as `dir/name.png`. */
export async function fullPageShot(page: Page, dir: string, name: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** At 1280 and 390 px: no sideways scrolling, axe clean, a screenshot (`name-1280.png`, `name-390.png`); back at 1280. */
export async function checkBothWidths(page: Page, dir: string, name: string): Promise<void> {
  for (const [size, label] of [
    [DESKTOP, '1280'],
    [PHONE, '390'],
  ] as const) {
    await page.setViewportSize(size);
    await expectNoSidewaysScroll(page);
    await expectNoSeriousA11yViolations(page);
    await fullPageShot(page, dir, `${name}-${label}`);
  }
  await page.setViewportSize(DESKTOP);
}
