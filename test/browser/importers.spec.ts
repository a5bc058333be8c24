/**
 * Real-world data into the app: a GBK CSV copied from Gaode (GCJ-02), a zipped Gauss–Krüger
 * Shapefile whose field mapping is remembered, an OpenStreetMap extract, a map service on
 * 127.0.0.1, and the dataset exported as a zip and dropped back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import type { FeatureCollection, Point } from 'geojson';
import { importFixture, Planner, REPO } from './driver';
import { startFeatureServer } from '../support/featureServer';
import { greatCircleDistance } from '../../src/core/geodesy';

const truth = JSON.parse(readFileSync(join(REPO, 'test/fixtures/import/truth-kindergartens.geojson'), 'utf8')) as FeatureCollection<Point, Record<string, string>>;

test('a GBK CSV of kindergartens in GCJ-02: previewed on the map, then imported within 1 m of the truth', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.dropFiles([importFixture('kindergartens-gcj02-gbk.csv', '幼儿园名单.csv')]);
  await expect(page.getByTestId('import-layer-0')).toHaveValue('csv');
  await planner.nextToMapping();
  const item = page.getByTestId('mapping-item-csv');
  await expect(item.getByTestId('csv-encoding')).toHaveValue('gbk');
  await expect(item.getByTestId('csv-lng')).toHaveValue('lng');
  await expect(item.getByTestId('csv-lat')).toHaveValue('lat');
  await item.getByTestId('csv-crs').selectOption('GCJ-02');
  await expect(item.getByTestId('mapping-layer')).toHaveValue('kindergartens'); // from the file's name
  await expect(item.getByTestId('mapping-field-name')).toHaveValue('幼儿园名称');
  await expect(item.getByTestId('mapping-field-capacity')).toHaveValue('学位数');
  // The preview: four violet points on the map, and nothing loaded yet.
  expect(await planner.previewDrawn(4)).toBe(4);
  expect(await planner.legendCount('kindergartens')).toContain('45');

  await planner.acceptMapping();
  expect(await planner.reportText()).toContain('坐标已从 GCJ-02 转换为 WGS84');
  await planner.closeReport();
  await expect(page.getByTestId('mapping-panel')).toHaveCount(0);
  await expect(page.getByTestId('legend-count-kindergartens')).toHaveText('4 个要素');
  await expect(page.getByTestId('legend-count-residential')).toContainText('2,373'); // merged: the other layers stay
  expect(await planner.renderedCount('kindergartens')).toBe(4);
  const loaded = await page.evaluate(() => window.__plannerStore!.getState().dataset!.layers.kindergartens!.features.map((f) => ({ name: f.properties.name, at: (f.geometry as Point).coordinates })));
  for (const t of truth.features) {
    const k = loaded.find((f) => f.name === t.properties['名称'])!;
    expect(greatCircleDistance(k.at[0]!, k.at[1]!, t.geometry.coordinates[0]!, t.geometry.coordinates[1]!)).toBeLessThan(1);
  }
});

test('a broken zip is named in the dialog and the loaded data stays', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.dropFiles([{ name: '规划院数据.zip', content: 'this is not a zip' }]);
  await page.getByTestId('import-load').click();
  await expect(page.getByTestId('inspect-error')).toContainText('规划院数据.zip: 不是可读取的 zip 压缩包');
  await page.getByRole('button', { name: '取消' }).click();
  expect(await planner.legendCount('kindergartens')).toContain('45');
});

test('a zipped Gauss–Krüger Shapefile: two layers mapped, and the mapping is remembered next time', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.dropFiles([importFixture('tiexi-gk41-gbk.zip')]);
  await planner.nextToMapping();
  const items = page.getByTestId('mapping-item-shapefile');
  await expect(items).toHaveCount(2);
  const ponds = items.filter({ hasText: '坑塘.shp' });
  const kindergartens = items.filter({ hasText: '幼儿园.shp' });
  await expect(ponds).toContainText('CGCS2000_3_Degree_GK_Zone_41');
  await ponds.getByTestId('mapping-layer').selectOption('water');
  await expect(ponds.getByTestId('mapping-field-kind')).toHaveValue('类型');
  await kindergartens.getByTestId('mapping-layer').selectOption('kindergartens');
  await kindergartens.getByTestId('mapping-field-id').selectOption('');
  expect(await planner.previewDrawn(6)).toBeGreaterThanOrEqual(6);
  await planner.acceptMapping();
  const report = await planner.reportText();
  expect(report).toContain('取值“鱼塘”按“pond”读取');
  await planner.closeReport();
  await expect(page.getByTestId('legend-count-water')).toHaveText('2 个要素');
  await expect(page.getByTestId('legend-count-kindergartens')).toHaveText('4 个要素');
  const pond = await page.evaluate(() => window.__plannerStore!.getState().dataset!.layers.water!.features.find((f) => f.id === 'w1')!.properties);
  expect(pond).toMatchObject({ name: '平西养鱼塘', kind: 'pond' });

  // Next delivery of the same files: the layers and the planner's own choice (no id) come back.
  await planner.reload();
  await planner.dropFiles([importFixture('tiexi-gk41-gbk.zip')]);
  await planner.nextToMapping();
  await expect(page.getByTestId('mapping-item-shapefile').filter({ hasText: '坑塘.shp' }).getByTestId('mapping-layer')).toHaveValue('water');
  const again = page.getByTestId('mapping-item-shapefile').filter({ hasText: '幼儿园.shp' });
  await expect(again.getByTestId('mapping-layer')).toHaveValue('kindergartens');
  await expect(again.getByTestId('mapping-field-id')).toHaveValue('');
  await page.getByTestId('mapping-cancel').click();
  await expect(page.getByTestId('mapping-panel')).toHaveCount(0);
  expect(await planner.previewDrawn(0)).toBe(0);
});

test('an OpenStreetMap extract becomes the contract layers, population marked as estimated', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.dropFiles([importFixture('tiexi-small.osm')]);
  await expect(page.getByTestId('import-layer-0')).toHaveValue('osm');
  await expect(page.getByTestId('osm-options')).toBeVisible();
  await page.getByTestId('osm-peoplePer100m2').fill('6');
  await planner.loadImport();
  const report = await planner.reportText();
  expect(report).toContain('人口为估算值');
  expect(report).toContain('每百平方米 6 人');
  await planner.closeReport();
  await expect(page.getByTestId('dataset-name')).toContainText('OpenStreetMap: tiexi-small.osm');
  await expect(page.getByTestId('legend-count-roads')).toHaveText('5 个要素');
  await expect(page.getByTestId('legend-count-schools')).toHaveText('4 个要素');
  expect(report).toContain('计为住宅 6 栋');
  const home = await page.evaluate(() => window.__plannerStore!.getState().dataset!.layers.residential!.features.find((f) => f.id === 'way/701')!.properties);
  expect(home.population_estimated).toBe(true);
  expect(home.population).toBeGreaterThan(200); // 600 m² × 6 levels × 6 per 100 m² ≈ 216
  // An untyped 100 m² building outside residential land is a house: 2 storeys unless tagged.
  const house = await page.evaluate(() => window.__plannerStore!.getState().dataset!.layers.residential!.features.find((f) => f.id === 'way/712')!.properties);
  expect(house.population_basis).toContain('2 levels (assumed for a house)');
});

test('a layer from a map service on 127.0.0.1, page by page; an unreachable one is named', async ({ page }) => {
  const schools: FeatureCollection = {
    type: 'FeatureCollection',
    features: Array.from({ length: 23 }, (_, i) => ({ type: 'Feature', id: `s${i}`, geometry: { type: 'Point', coordinates: [124.33 + i / 500, 43.16] }, properties: { 学校名称: `第${i}小学`, 学段: '小学' } })),
  };
  const server = await startFeatureServer({ collections: { schools }, maxPage: 10 });
  try {
    const planner = new Planner(page);
    await planner.open();
    await page.getByTestId('open-import').click();
    await page.getByTestId('service-url').fill('http://127.0.0.1:9/collections/x/items');
    await page.getByTestId('service-fetch').click();
    await expect(page.getByTestId('inspect-error')).toContainText('无法连接地图服务');
    await page.getByTestId('service-url').fill(`${server.url}/ogc/collections/schools`);
    await page.getByTestId('service-fetch').click();
    await expect(page.getByTestId('mapping-panel')).toBeVisible();
    const item = page.getByTestId('mapping-item-service');
    await expect(item.getByTestId('mapping-count')).toContainText('23');
    await item.getByTestId('mapping-layer').selectOption('schools');
    await expect(item.getByTestId('mapping-field-level')).toHaveValue('学段');
    await planner.acceptMapping();
    await planner.closeReport();
    await expect(page.getByTestId('legend-count-schools')).toHaveText('23 个要素');
    expect(server.requests.filter((r) => r.includes('/items')).length).toBe(3);
  } finally {
    await server.close();
  }
});

test('the dataset exports as a zipped contract folder and loads back', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-dataset').click()]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
  const entries = unzipSync(new Uint8Array(bytes));
  const names = Object.keys(entries).map((n) => n.replace(/^.*\//, '')).sort();
  expect(names).toContain('dataset.json');
  expect(names).toContain('residential.geojson');
  const homes = JSON.parse(new TextDecoder().decode(Object.entries(entries).find(([n]) => n.endsWith('/residential.geojson'))![1])) as FeatureCollection;
  expect(homes.features).toHaveLength(2373);

  await planner.dropFiles([{ name: 'tiexi.zip', content: '', bytes: [...bytes] }]);
  await expect(page.getByTestId('import-layer-0')).toHaveValue('zip');
  await planner.loadImport();
  expect(await planner.reportText()).toContain('已加载 2373 · 拒绝 0');
  await planner.closeReport();
  await expect(page.getByTestId('legend-count-residential')).toContainText('2,373');
  await expect(page.getByTestId('synthetic-badge')).toBeVisible();
});
