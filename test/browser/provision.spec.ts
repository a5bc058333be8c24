import { expect, test } from '@playwright/test';
import { downloadedText, Planner } from './driver';

test('the provision panel shows play area per child, the to-do list, and finds an under-provided community', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await page.getByTestId('tab-provision').click();
  await expect(page.getByTestId('area-per-child')).toContainText('平方米/人', { timeout: 30_000 });
  expect(parseFloat((await page.getByTestId('area-per-child').textContent())!)).toBeGreaterThan(0);
  // Homes with no play area in reach stand out on the map.
  await expect.poll(() => page.evaluate(() => window.__plannerMap!.queryRenderedFeatures({ layers: ['residential-fill', 'residential-circle'] }).filter((f) => f.state.band === 'none').length)).toBeGreaterThan(100);
  await expect(page.getByTestId('small-playgrounds')).toContainText('m²');
  await expect(page.getByTestId('todo-row').first()).toBeVisible();
  await expect(page.getByTestId('service-coverage.childrens_home')).toContainText('未达标');

  await page.getByTestId('open-community-table').click();
  await page.getByTestId('sort-area').click();
  const row = page.getByTestId('community-row').filter({ hasText: '北沟社区' });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('community-area')).toHaveText('0.00');
  await expect(page.getByTestId('community-row').first().getByTestId('community-area')).toHaveText('0.00');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('todo-csv').click()]);
  const text = await downloadedText(csv);
  // For people: Chinese headers and values under the Chinese interface, and a name that says what it is.
  expect(text.split('\n')[0]).toBe('\ufeff编号,名称,类型,面积(㎡),300 米内 0–11 岁儿童,经度,纬度');
  expect(text).toMatch(/,(居住区绿地|公园|广场),/);
  expect(text).not.toMatch(/,(residential_green|park|square),/);
  expect(csv.suggestedFilename()).toMatch(/^四平市铁西区.*-缺少儿童活动场地的绿地-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(text.split('\n').length).toBeGreaterThan(3);
});
