import { expect, test } from '@playwright/test';
import { Planner } from './driver';

test('a planner adds the sample’s earlier years, sees trends to 2030, warnings and the change map, and keeps them over a reload', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await page.getByTestId('tab-monitor').click();
  // The sample's 2021 and 2023 are there from the first look.
  await expect(page.getByTestId('monitor-year')).toHaveCount(2, { timeout: 30_000 });
  const trends = page.getByTestId('monitor-trends');
  await expect(trends).toBeVisible({ timeout: 60_000 });
  // Three years, oldest first, then the 2030 trend and the status.
  await expect(trends.locator('thead th')).toHaveText(['', '2021', '2023', '2025', '2030（趋势）', '状态']);
  const kg = page.getByTestId('trend-coverage.kindergarten');
  await expect(kg.locator('td').last()).toHaveText('有风险');
  await kg.click();
  await expect(page.getByTestId('trend-chart')).toBeVisible();
  await expect(page.getByTestId('trend-projection')).toHaveCount(1);
  await expect(page.getByTestId('trend-target')).toHaveCount(1);
  await expect(page.getByTestId('trend-detail')).toContainText('每年需变化');
  await expect(page.getByTestId('monitor-warnings').locator('li').first()).toBeVisible();
  // The same indicator per community, off track first.
  await expect(page.getByTestId('monitor-community-trends').locator('tbody tr')).toHaveCount(56);

  // 2023 → 2025: kindergartens opened, homes gained coverage: green on the map.
  await expect(page.getByTestId('monitor-change-pair')).toHaveValue('2');
  await expect(page.getByTestId('monitor-change-pair').locator('option')).toHaveText(['2021 → 2023', '2021 → 2025', '2023 → 2025']);
  await expect(page.getByTestId('monitor-communities').locator('li').first()).toBeVisible();
  await expect(page.getByTestId('monitor-facility-changes')).toContainText('幼儿园：新开');
  await expect.poll(() => page.evaluate(() => window.__plannerMap!.querySourceFeatures('monitor-changes').filter((f) => f.properties.change === 'gained').length)).toBeGreaterThan(0);

  // Nothing lost on reload.
  await page.reload();
  await planner.mapSettled();
  await page.getByTestId('tab-monitor').click();
  await expect(page.getByTestId('monitor-year')).toHaveCount(2);
  await expect(page.getByTestId('monitor-trends')).toBeVisible({ timeout: 60_000 });
  // A scenario belongs to its year: a fix recorded in 2025 is not in 2023, and comes back with 2025.
  const water = await page.evaluate(() => String(window.__plannerStore!.getState().dataset!.layers.water!.features[0]!.id));
  await page.evaluate((w) => window.__plannerStore!.getState().recordFix(w, ['fenced']), water);
  await page.getByTestId('monitor-year').nth(1).getByTestId('monitor-open').click();
  await expect(page.getByTestId('monitor-current')).toContainText('2023');
  await expect.poll(() => page.evaluate(() => Object.keys(window.__plannerStore!.getState().waterEdits).length)).toBe(0);
  await page.getByTestId('monitor-year').filter({ hasText: '2025' }).getByTestId('monitor-open').click();
  await expect(page.getByTestId('monitor-current')).toContainText('2025');
  await expect.poll(() => page.evaluate((w) => window.__plannerStore!.getState().waterEdits[w]?.fenced, water)).toBe(true);
  await expect(page.getByTestId('monitor-year')).toHaveCount(3);
  await page.getByTestId('monitor-year').filter({ hasText: '2025' }).getByTestId('monitor-delete').click();

  // A year deleted is gone, and the trend needs two again once both are.
  await page.getByTestId('monitor-year').first().getByTestId('monitor-delete').click();
  await expect(page.getByTestId('monitor-year')).toHaveCount(1);
  await expect(page.getByTestId('monitor-trends').locator('thead th')).toHaveText(['', '2023', '2025', '2030（趋势）', '状态'], { timeout: 60_000 });
  // Deleting the last kept year leaves one: a trend needs two.
  await page.getByTestId('monitor-year').first().getByTestId('monitor-delete').click();
  await expect(page.getByTestId('monitor-need-two')).toBeVisible();
});
