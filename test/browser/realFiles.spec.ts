/**
 * Real files in the app: a projected Shapefile without .prj (the planner picks the system the
 * easting suggests), a CSV whose coordinate system nothing names (the assumption is shown), and a
 * siting run among generated sites when the planner has no reserved-land layer.
 */
import { expect, test } from '@playwright/test';
import { importFixture, Planner } from './driver';

test('a projected Shapefile without .prj asks for its system, and the suggested zone places it', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.dropFiles([importFixture('schools-gk41-noprj.zip', '学校.zip')]);
  await planner.nextToMapping();
  const item = page.getByTestId('mapping-item-shapefile');
  await expect(item.getByTestId('shp-needs-crs')).toContainText('缺少 .prj');
  await expect(item.getByTestId('mapping-count')).toContainText('0');
  await item.getByTestId('shp-use-suggestion').click();
  await expect(item.getByTestId('shp-crs')).toHaveValue('EPSG:4529');
  await expect(item.getByTestId('shp-needs-crs')).toHaveCount(0);
  expect(await planner.previewDrawn(2)).toBeGreaterThanOrEqual(2); // fills and outlines of both schools
  await item.getByTestId('mapping-layer').selectOption('schools');
  await item.getByTestId('mapping-field-name').selectOption('名称');
  await item.getByTestId('mapping-field-level').selectOption('学段');
  await planner.acceptMapping();
  expect(await planner.reportText()).toContain('坐标已从 EPSG:4529 转换为 WGS84');
  await planner.closeReport();
  await expect(page.getByTestId('legend-count-schools')).toHaveText('2 个要素');
});

test('a CSV that names no coordinate system is read as WGS84 and the assumption is said before and after', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.dropFiles([importFixture('kindergartens-cell-nohint.csv', '幼儿园.csv')]);
  await planner.nextToMapping();
  const item = page.getByTestId('mapping-item-csv');
  await expect(item.getByTestId('csv-lng')).toHaveValue('经纬度');
  await expect(item.getByTestId('csv-crs-assumed')).toContainText('GCJ-02');
  expect(await planner.previewDrawn(4)).toBe(4);
  await planner.acceptMapping();
  await planner.closeReport();
  await page.getByTestId('tab-coverage').click();
  await expect(page.getByTestId('quality-crs.assumed')).toContainText('按 EPSG:4326 读取');
});

test('with generated candidate sites the bureau can still site kindergartens, and accept them', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await page.getByTestId('tab-sites').click();
  await expect(page.getByTestId('places-per-child')).toHaveText('75.6%', { timeout: 30_000 });
  await page.getByTestId('candidates-generated').check();
  await page.getByTestId('siting-spacing').fill('250');
  await page.getByTestId('siting-run').click();
  await expect(page.getByTestId('siting-generated-note')).toContainText('自动生成', { timeout: 60_000 });
  await expect(page.getByTestId('siting-site')).toHaveCount(3);
  await expect.poll(() => page.evaluate(() => window.__plannerMap!.queryRenderedFeatures({ layers: ['proposal-circle'] }).length)).toBe(3);
  await page.getByTestId('siting-accept').click();
  await page.getByTestId('tab-layers').click();
  await expect(page.getByTestId('legend-count-kindergartens')).toHaveText('48 个要素', { timeout: 30_000 });
  await expect(page.getByTestId('legend-count-candidates')).toHaveText('14 个要素'); // the reserved land is untouched
});
