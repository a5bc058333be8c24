import { expect, test } from '@playwright/test';
import { corpusFile, Planner } from './driver';

test('dropping a file with a broken feature names that feature and loads the rest', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.dropFiles([corpusFile('latlon-swapped', 'residential.geojson')]);
  await planner.loadImport();
  const report = await planner.reportText();
  expect(report).toContain('第 2 个要素（id "r2"），字段 geometry：坐标 [43.17, 124.35] 似乎是 [纬度, 经度]');
  expect(report).toContain('已加载 1 · 拒绝 2');
  await planner.closeReport();
  await expect(page.getByTestId('legend-count-residential')).toContainText('1');
  expect(await planner.renderedCount('residential')).toBe(1);
});

test('a file that is not JSON is reported, and the map keeps what it had', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.dropFiles([corpusFile('not-json', 'residential.geojson')]);
  await planner.loadImport({ expectMapChange: false });
  expect(await planner.reportText()).toContain('不是有效的 JSON 文件');
  await planner.closeReport();
  expect(await planner.legendCount('residential')).toContain('2,373');
  expect(await planner.renderedCount('residential')).toBeGreaterThan(0);
});

test('a file whose name is not a layer name gets its layer chosen in the dialog', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  const file = corpusFile('bare-array', 'kindergartens.geojson');
  await planner.dropFiles([{ name: '幼儿园名单.json', content: file.content }]);
  await expect(page.getByTestId('import-load')).toBeDisabled();
  await planner.chooseLayerForFile(0, 'kindergartens');
  await planner.loadImport();
  await planner.closeReport();
  await expect(page.getByTestId('legend-count-kindergartens')).toContainText('2');
  expect(await planner.renderedCount('kindergartens')).toBe(2);
});

test('markup in a property value shows as text and never runs', async ({ page }) => {
  const planner = new Planner(page);
  let alerted = false;
  page.on('dialog', (d) => {
    alerted = true;
    void d.dismiss();
  });
  await planner.open();
  await planner.dropFiles([corpusFile('hostile-text', 'kindergartens.geojson')]);
  await planner.loadImport();
  await planner.closeReport();
  await planner.clickFeature('kindergartens', 'k1');
  await expect(page.getByTestId('prop-name')).toContainText('<img src=x onerror=alert(1)>');
  await expect(page.getByTestId('prop-note')).toContainText("<script>alert('x')</script>");
  expect(await page.locator('img[src=x]').count()).toBe(0);
  expect(alerted).toBe(false);
});

test('imported data survives a reload, and "reset to the Tiexi sample" brings the sample back', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.dropFiles([corpusFile('bare-array', 'kindergartens.geojson')]);
  await planner.loadImport();
  await planner.closeReport();
  await expect(page.getByTestId('legend-count-kindergartens')).toHaveText('2 个要素');
  await planner.reload();
  await expect(page.getByTestId('legend-count-kindergartens')).toHaveText('2 个要素');
  await expect(page.getByTestId('synthetic-badge')).toHaveCount(0);
  await planner.resetToSample();
  await expect(page.getByTestId('legend-count-kindergartens')).toHaveText('45 个要素');
  await expect(page.getByTestId('synthetic-badge')).toBeVisible();
});

test('merging keeps the other layers of the current dataset', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.dropFiles([corpusFile('bare-array', 'kindergartens.geojson')]);
  await page.getByTestId('import-mode-merge').check();
  await planner.loadImport();
  await planner.closeReport();
  await expect(page.getByTestId('legend-count-kindergartens')).toHaveText('2 个要素');
  expect(await planner.legendCount('residential')).toContain('2,373');
});
