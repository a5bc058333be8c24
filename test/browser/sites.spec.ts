import { expect, test } from '@playwright/test';
import { Planner } from './driver';

test('the education bureau runs a siting on Tiexi, accepts it, and sees kindergarten coverage rise', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await page.getByTestId('tab-sites').click();
  await expect(page.getByTestId('places-per-child')).toHaveText('75.6%', { timeout: 30_000 });
  await expect(page.getByTestId('seat-group-out_of_reach')).toContainText('名儿童');

  await page.getByTestId('siting-run').click();
  await expect(page.getByTestId('siting-result')).toContainText('已证明为最优解', { timeout: 60_000 });
  await expect(page.getByTestId('siting-site')).toHaveCount(3);
  await expect(page.getByTestId('siting-after')).toHaveText('16.6%');
  // The proposed sites are ringed on the map.
  await expect.poll(() => page.evaluate(() => window.__plannerMap!.queryRenderedFeatures({ layers: ['proposal-circle'] }).length)).toBe(3);

  await page.getByTestId('scenario-name').fill('三所新园');
  await page.getByTestId('siting-accept').click();
  await expect(page.getByTestId('accepted-list')).toContainText('三所新园：幼儿园覆盖率 14.0% → 16.6%', { timeout: 30_000 });
  await page.getByTestId('tab-layers').click();
  await expect(page.getByTestId('legend-count-kindergartens')).toHaveText('48 个要素');
  await expect(page.getByTestId('legend-count-candidates')).toHaveText('11 个要素');

  await page.getByTestId('tab-sites').click();
  await page.getByTestId('siting-undo').click();
  await page.getByTestId('tab-layers').click();
  await expect(page.getByTestId('legend-count-kindergartens')).toHaveText('45 个要素');
});
