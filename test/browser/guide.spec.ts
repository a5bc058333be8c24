/**
 * The user guide's screenshots (docs/img/guide-*.jpg), taken from the running app on every test run so
 * they never go stale; and the guide opens from the app.
 */
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Planner, REPO } from './driver';

const shot = (page: Page, name: string) => page.screenshot({ path: join(REPO, 'docs', 'img', `guide-${name}.jpg`), type: 'jpeg', quality: 70 });

test('the guide’s screenshots: overview, coverage, sites, drowning, indicators', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const planner = new Planner(page);
  await planner.open();
  await shot(page, 'overview');

  await page.getByTestId('tab-coverage').click();
  await expect(page.getByTestId('share-kindergarten')).toContainText('%', { timeout: 30_000 });
  await planner.mapSettled();
  await shot(page, 'coverage');

  await page.getByTestId('tab-sites').click();
  await page.getByTestId('siting-run').click();
  await expect(page.getByTestId('siting-result')).toBeVisible({ timeout: 60_000 });
  await planner.mapSettled();
  await shot(page, 'sites');

  await page.getByTestId('tab-drowning').click();
  await page.getByTestId('hazard-row').first().click();
  await expect(page.getByTestId('hazard-reasons')).toBeVisible();
  await planner.mapSettled();
  await shot(page, 'drowning');

  await page.getByTestId('open-evaluation').click();
  await expect(page.getByTestId('scorecard')).toBeVisible({ timeout: 60_000 });
  await shot(page, 'evaluation');
});

test('“how is this computed” opens the guide at its methods', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await page.getByTestId('tab-provision').click();
  await page.getByTestId('how-computed').first().click();
  await expect(page.getByTestId('guide-panel')).toContainText('两步移动搜索法');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('guide-panel')).toHaveCount(0);
});
