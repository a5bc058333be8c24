import { expect, test } from '@playwright/test';
import { CoverageView, downloadedText, Planner } from './driver';

test('the coverage panel shows walking coverage per facility kind and colours the homes', async ({ page }) => {
  const planner = new Planner(page);
  const coverage = new CoverageView(page);
  await planner.open();
  await coverage.open();
  await expect(page.getByTestId('share-kindergarten')).toHaveText('14.0%');
  await expect(page.getByTestId('coverage-row-kindergarten')).toContainText('未达标');
  await expect(page.getByTestId('other-kindergarten')).toContainText('直线距离为 41.5%');
  const bands = await coverage.renderedBands();
  expect(bands.uncovered).toBeGreaterThan(100);
  expect(bands.covered).toBeGreaterThan(10);
  // The hamlet off the road network is marked as such, not hidden.
  expect(bands.off_network).toBe(6);
  await expect(page.getByTestId('off-network-note')).toContainText('6 处住宅不在步行路网上');
});

test('changing a radius recomputes the figure and the map', async ({ page }) => {
  const planner = new Planner(page);
  const coverage = new CoverageView(page);
  await planner.open();
  await coverage.open();
  const before = await coverage.renderedBands();
  await coverage.setRadius('kindergarten', 600);
  const share = parseFloat(await coverage.share('kindergarten'));
  expect(share).toBeGreaterThan(14.0);
  const after = await coverage.renderedBands();
  expect(after.uncovered).toBeLessThan(before.uncovered!);
  expect((after.near ?? 0) + (after.covered ?? 0)).toBeGreaterThan((before.near ?? 0) + (before.covered ?? 0));
  // The radius is a setting: it survives a reload.
  await planner.reload();
  await coverage.open();
  await expect(page.getByTestId('radius-kindergarten')).toHaveValue('600');
});

test('straight-line distance shows how much a buffer overstates coverage', async ({ page }) => {
  const planner = new Planner(page);
  const coverage = new CoverageView(page);
  await planner.open();
  await coverage.open();
  await coverage.useDistance('euclidean');
  await expect(page.getByTestId('share-kindergarten')).toHaveText('41.5%');
  await expect(page.getByTestId('other-kindergarten')).toContainText('步行距离为 14.0%');
});

test('clicking a kindergarten draws its walking service area beside the straight-line buffer', async ({ page }) => {
  const planner = new Planner(page);
  const coverage = new CoverageView(page);
  await planner.open();
  await coverage.open();
  await planner.clickFeature('kindergartens', 'k10');
  await expect(page.getByText(/已显示 .*\(k10\) 的 300 米步行服务范围/)).toBeVisible();
  await planner.mapSettled();
  const drawn = await page.evaluate(() => ({
    walking: window.__plannerMap!.queryRenderedFeatures({ layers: ['service-area-line'] }).length,
    buffer: window.__plannerMap!.queryRenderedFeatures({ layers: ['service-buffer-line'] }).length,
  }));
  expect(drawn.walking).toBeGreaterThan(0);
  expect(drawn.buffer).toBeGreaterThan(0);
});

test('the community table sorts and zooms to a community', async ({ page }) => {
  const planner = new Planner(page);
  const coverage = new CoverageView(page);
  await planner.open();
  await coverage.open();
  await page.getByTestId('open-community-table').click();
  const rows = page.getByTestId('community-row');
  await expect(rows).toHaveCount(56);
  await page.getByTestId('sort-name').click();
  const first = await rows.first().locator('td').first().textContent();
  await page.getByTestId('sort-name').click();
  expect(await rows.first().locator('td').first().textContent()).not.toBe(first);
  const zoom = () => page.evaluate(() => window.__plannerMap!.getZoom());
  const before = await zoom();
  await rows.nth(3).click();
  await expect.poll(zoom).toBeGreaterThan(before + 1);
});

test('the report and the access table can be exported', async ({ page }) => {
  const planner = new Planner(page);
  const coverage = new CoverageView(page);
  await planner.open();
  await coverage.open();
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()]);
  const report = JSON.parse(await downloadedText(json));
  expect(report.indicators.find((i: { id: string }) => i.id === 'coverage.kindergarten').value).toBeCloseTo(0.1401, 3);
  expect(report.access).toHaveLength(2373);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const text = await downloadedText(csv);
  expect(text.split('\n')[0]).toBe('\ufeffid,population,off_network,kindergarten_id,kindergarten_distance_m,childcare_id,childcare_distance_m,primary_id,primary_distance_m,middle_id,middle_distance_m,high_id,high_distance_m,playground_id,playground_distance_m,childrens_home_id,childrens_home_distance_m');
});

test('what the figures rest on stands above them, in both languages', async ({ page }) => {
  const planner = new Planner(page);
  const coverage = new CoverageView(page);
  await planner.open();
  await coverage.open();
  const box = page.getByTestId('data-quality');
  // Open by default: the sample's roads form separate networks and a hamlet is off them.
  await expect(box).toHaveAttribute('open', '');
  await expect(page.getByTestId('quality-network.components')).toContainText('个互不相连的步行网络');
  await expect(page.getByTestId('quality-network.off_network')).toContainText('6 处住宅');
  // It stands before the figures.
  const boxTop = (await box.boundingBox())!.y;
  const figureTop = (await page.getByTestId('share-kindergarten').boundingBox())!.y;
  expect(boxTop).toBeLessThan(figureTop);
  await planner.switchLanguage();
  await expect(page.getByTestId('quality-network.off_network')).toContainText('6 homes');
});

test('leaving the coverage view takes the colours off the homes', async ({ page }) => {
  const planner = new Planner(page);
  const coverage = new CoverageView(page);
  await planner.open();
  await coverage.open();
  expect(Object.values(await coverage.renderedBands()).reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);
  await page.getByTestId('tab-layers').click();
  await planner.mapSettled();
  expect(await coverage.renderedBands()).toEqual({});
});
